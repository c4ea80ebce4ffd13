// RFC 8707 resource indicators: absolute https URLs (http only for loopback
// hosts), no fragment, no credentials.
import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

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
    if (/[{}]/.test(value)) ctx.addIssue({ code: "custom", message: "Must be a concrete URL, not a template with {variables}" });
  });
