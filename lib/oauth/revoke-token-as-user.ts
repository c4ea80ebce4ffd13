// An admin, or an owner of the token's agent, revokes an access token (e.g.
// one found in the audit log or a leaked one). The token itself is presented,
// so Warden can verify it and know until when to remember the revocation.
import "server-only";
import { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { conflict, forbidden, invalid } from "@/lib/errors/app-error";
import { ownsIdentity } from "@/lib/identities/access";
import { ZReason } from "@/lib/identities/schemas";
import { verifyAccessToken } from "@/lib/oauth/access-token";
import { recordTokenRevocation } from "@/lib/oauth/revoke-token";

export const ZRevokeTokenInput = z.object({ token: z.string().min(10).max(8192), reason: ZReason }).strict();

export async function revokeTokenAsUser(options: { actor: Actor; input: z.input<typeof ZRevokeTokenInput>; context?: RequestContext | null }) {
  const { actor } = options;
  assertCan(actor, "identities:register");
  const input = ZRevokeTokenInput.parse(options.input);
  const claims = await verifyAccessToken(input.token);
  if (!claims) throw invalid("This is not a valid, unexpired access token issued by Warden", [{ path: "token", message: "not a Warden access token, or expired" }]);
  const agent = await db().identity.findUnique({ where: { id: claims.sub }, select: { ownerId: true, backupOwnerId: true } });
  if (!can(actor, "grants:manage") && !(agent && ownsIdentity(actor, agent))) throw forbidden("Only admins and the owners of the token's agent can revoke it");
  const revoked = await recordTokenRevocation({ claims, by: actor, reason: input.reason, context: options.context });
  if (!revoked) throw conflict("This token is already revoked");
  return { jti: claims.jti, agentId: claims.sub, expiresAt: new Date(claims.exp * 1000).toISOString() };
}
