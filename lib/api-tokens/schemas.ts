// API token inputs and the public view of a token (never its hash or secret).
import { z } from "zod";
import { ALL_PERMISSIONS, ROLES } from "@/lib/auth/permissions";

export const ZRole = z.enum(ROLES);
export const ZPermission = z.enum(ALL_PERMISSIONS as [string, ...string[]]);

export const ZCreateApiTokenInput = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(100, "At most 100 characters"),
    role: ZRole,
    scopes: z.array(ZPermission).min(1).max(ALL_PERMISSIONS.length).optional().describe("Permissions narrowing the role; omit for the whole role"),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("When the token stops working; omit for a token that does not expire"),
  })
  .strict();
export type TCreateApiTokenInput = z.infer<typeof ZCreateApiTokenInput>;

export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  role: ZRole,
  scopes: z.array(z.string()).nullable(),
  prefix: z.string().describe("The first characters of the secret, to tell tokens apart"),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

export const ZCreatedApiToken = z.object({
  token: ZApiToken,
  secret: z.string().describe("The token itself. Shown once; Warden stores only its hash."),
});

export const ZListApiTokensQuery = z.object({
  all: z.enum(["true", "false"]).optional().describe("true lists every user's tokens (needs api-tokens:manage-all)"),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
