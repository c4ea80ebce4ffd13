// Token exchange (RFC 8693) for MCP servers: the server — authenticated as
// itself, the actor — trades an agent's token issued to it for a token to a
// downstream resource allowed by an exchange policy. The new token keeps the
// original agent as `sub` and nests the server in `act` (one level per hop),
// never outlives the subject token, never widens the policy's scopes, never
// adds a tool scope the subject token lacked, and stops at the policy's depth.
import type { AuditInput } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { authenticationClaims, delegationDepth, mintAccessToken, verifyAccessToken } from "@/lib/oauth/access-token";
import type { AuthenticatedClient } from "@/lib/oauth/client-auth";
import { ACCESS_TOKEN_TYPE, DEFAULT_TOKEN_LIFETIME_SECONDS } from "@/lib/oauth/config";
import { OAuthError } from "@/lib/oauth/errors";
import { activeIdentityAt, singleResource } from "@/lib/oauth/grants/resource";
import { exchangedTokenConstraint } from "@/lib/oauth/grants/sender-constraint";
import type { GrantOutcome } from "@/lib/oauth/grants/outcome";
import { allValues, type Form, type OAuthRequest } from "@/lib/oauth/request";
import { tokenLiveness } from "@/lib/oauth/token-liveness";

const TOOL_SCOPE = /^mcp:/;

export async function tokenExchange(request: OAuthRequest, form: Form, client: AuthenticatedClient): Promise<GrantOutcome> {
  if (client.kind !== "server") throw new OAuthError("unauthorized_client", "Only MCP servers exchange tokens");
  const subjectToken = form.get("subject_token");
  if (!subjectToken) throw new OAuthError("invalid_request", "subject_token is required");
  if (form.get("subject_token_type") !== ACCESS_TOKEN_TYPE) throw new OAuthError("invalid_request", `subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
  const requestedType = form.get("requested_token_type");
  if (requestedType !== undefined && requestedType !== ACCESS_TOKEN_TYPE) throw new OAuthError("invalid_request", `Warden issues only ${ACCESS_TOKEN_TYPE}`);
  if (form.has("actor_token")) throw new OAuthError("invalid_request", "actor_token is not used: the authenticated server is the actor");

  const subject = await verifyAccessToken(subjectToken);
  if (!subject) throw new OAuthError("invalid_grant", "subject_token is not a valid, unexpired access token issued by Warden");
  if (subject.aud !== client.resourceUri) throw new OAuthError("invalid_grant", "subject_token was issued for another audience, not this server");
  const liveness = await tokenLiveness(subject);
  if (!liveness.live) throw new OAuthError("invalid_grant", `subject_token is no longer active: ${liveness.reason}`);

  const constraint = await exchangedTokenConstraint(request, client, subject.cnf);

  const resources = allValues(request, "resource");
  const audience = form.get("audience");
  if (audience !== undefined && resources.length > 0 && !(resources.length === 1 && resources[0] === audience)) {
    throw new OAuthError("invalid_target", "resource and audience name different targets");
  }
  const targetUri = singleResource(resources.length > 0 ? resources : audience !== undefined ? [audience] : [], "resource");
  const target = await activeIdentityAt(targetUri, ["resource", "server"]);
  const policy = await db().exchangePolicy.findFirst({ where: { serverId: client.id, resourceId: target.id, revokedAt: null } });
  if (!policy) throw new OAuthError("invalid_target", "No exchange policy allows this server to exchange tokens for this resource");

  const depth = delegationDepth(subject.act) + 1;
  if (depth > policy.maxDepth) throw new OAuthError("invalid_request", `The delegation chain would be ${depth} hops deep; the exchange policy allows at most ${policy.maxDepth}`);

  const allowed = Array.isArray(policy.scopes) ? policy.scopes.map(String) : [];
  const subjectScopes = new Set((subject.scope ?? "").split(" ").filter(Boolean));
  const requested = form.get("scope");
  const candidates = requested === undefined || requested.trim() === "" ? allowed : [...new Set(requested.split(" ").filter(Boolean))];
  for (const scope of candidates) {
    if (!allowed.includes(scope)) throw new OAuthError("invalid_scope", `${scope} is not allowed by the exchange policy for this resource`);
  }
  const scopes = candidates.filter((scope) => !TOOL_SCOPE.test(scope) || subjectScopes.has(scope));
  if (requested !== undefined && requested.trim() !== "") {
    const escalated = candidates.filter((scope) => !scopes.includes(scope));
    if (escalated.length) throw new OAuthError("invalid_scope", `${escalated.join(" ")}: the subject token does not hold this tool scope, and an exchange cannot add it`);
  }
  if (scopes.length === 0) throw new OAuthError("invalid_scope", "No scope allowed by the exchange policy remains for this subject token");

  const iat = Math.floor(Date.now() / 1000);
  const exp = Math.min(subject.exp, iat + DEFAULT_TOKEN_LIFETIME_SECONDS);
  const act = { sub: client.id, ...(subject.act ? { act: subject.act } : {}) };
  const minted = await mintAccessToken({
    sub: subject.sub,
    aud: targetUri,
    client_id: client.clientId,
    scope: scopes.join(" "),
    iat,
    exp,
    act,
    wdn_parent_jti: subject.jti,
    wdn_chain: [...(subject.wdn_chain ?? []), subject.jti],
    wdn_origin_scope: subject.act ? (subject.wdn_origin_scope ?? "") : subject.scope,
    ...authenticationClaims(client),
    ...(constraint.cnf ? { cnf: constraint.cnf } : {}),
  });
  const event: AuditInput = {
    action: "token.exchanged",
    actor: { type: "identity", id: client.id, label: client.name },
    target: { type: target.kind, id: target.id },
    details: {
      grantType: "token_exchange",
      agentId: subject.sub,
      serverId: client.id,
      resourceId: target.id,
      resource: targetUri,
      scopes,
      jti: minted.jti,
      parentJti: subject.jti,
      depth,
      act,
      tokenType: constraint.tokenType,
      binding: constraint.binding,
      authMethod: client.method,
      expiresAt: new Date(exp * 1000).toISOString(),
    },
  };
  return {
    body: { access_token: minted.token, issued_token_type: ACCESS_TOKEN_TYPE, token_type: constraint.tokenType, expires_in: exp - iat, scope: scopes.join(" ") },
    singleUse: constraint.proof ? [constraint.proof.singleUse] : [],
    events: [event],
  };
}
