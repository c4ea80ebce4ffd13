// MCP server registration inputs and the public view of a server.
import { z } from "zod";
import { ZCursorQuery } from "@/lib/pagination";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** RFC 8707 resource indicator: absolute https URL (http only for localhost), no fragment, no credentials. */
export const ZResourceUri = z
  .string()
  .trim()
  .min(1, "Resource URI is required")
  .max(2048, "At most 2048 characters")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Must be an absolute URL, e.g. https://mcp.example.com/mcp" });
      return;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname))) {
      ctx.addIssue({ code: "custom", message: "Must use https (http is allowed for localhost only)" });
    }
    if (value.includes("#")) ctx.addIssue({ code: "custom", message: "Must not contain a fragment (#…)" });
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Must not contain credentials" });
  });

export const ZRegisterServerInput = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(100, "At most 100 characters"),
    description: z.string().trim().max(1000, "At most 1000 characters").optional(),
    resourceUri: ZResourceUri,
    ownerId: z.string().trim().min(1, "Choose an owner").max(64),
  })
  .strict();
export type TRegisterServerInput = z.input<typeof ZRegisterServerInput>;

export const ZListServersQuery = ZCursorQuery.extend({
  q: z.string().trim().max(200).optional().describe("Matches name, id or resource URI"),
  ownerId: z.string().max(64).optional(),
});
export type TListServersQuery = z.output<typeof ZListServersQuery>;

export const ZUserRef = z.object({ id: z.string(), email: z.string(), name: z.string(), active: z.boolean() });

export const ZServer = z.object({
  id: z.string(),
  kind: z.literal("server"),
  name: z.string(),
  description: z.string().nullable(),
  resourceUri: z.string(),
  owner: ZUserRef,
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TServer = z.infer<typeof ZServer>;
