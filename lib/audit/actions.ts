// Every audit action Warden records. Later issues add theirs here; the list is
// also the filter vocabulary of the audit API.
export const AUDIT_ACTIONS = [
  "system.first_run_admin_created",
  "auth.sign_in.succeeded",
  "auth.sign_in.failed",
  "auth.sign_in.locked",
  "auth.signed_out",
  "auth.password_changed",
  "user.created",
  "user.updated",
  "user.role_changed",
  "user.deactivated",
  "user.reactivated",
  "user.sessions_revoked",
  "user.password_reset",
  "api_token.created",
  "api_token.revoked",
  "server.registered",
  "identity.registered",
  "identity.updated",
  "identity.approved",
  "identity.suspended",
  "identity.resumed",
  "identity.revoked",
  "identity.owner_transferred",
  "identity.imported",
  "key.added",
  "key.retired",
  "key.revoked",
  "key.challenge_issued",
  "settings.updated",
  "catalog.proposal_created",
  "catalog.proposal_discarded",
  "catalog.changed",
  "catalog.tools_reviewed",
  "catalog.tool_disabled",
  "catalog.tool_enabled",
  "grant.created",
  "grant.revoked",
  "exchange_policy.created",
  "exchange_policy.revoked",
  "signing_key.created",
  "signing_key.rotated",
  "token.issued",
  "token.refused",
  "token.exchanged",
  "token.exchange_refused",
  "token.revoked",
  "mcp.decision",
  "mcp.tool_call",
  "audit.chain_verified",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_ACTOR_TYPES = ["user", "api_token", "system", "identity", "anonymous"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
