// The typed permission catalog: what each role may do. Route contracts name the
// permission they need; domain functions check it again next to the data, and
// ownership goes into the query (lib/identities/*). API tokens narrow this set.
export const PERMISSIONS = {
  "users:read": "List and view users",
  "users:manage": "Create users, change roles, deactivate and reactivate users, end their sessions",
  "api-tokens:manage-own": "Create, list and revoke one's own API tokens",
  "api-tokens:manage-all": "List and revoke every API token",
  "identities:read": "View the identity inventory",
  "identities:register": "Register identities and change the ones one owns",
  "identities:manage-any": "Change identities owned by anyone, and reassign owners in bulk",
  "identities:approve": "Approve pending identities and resume suspended ones",
  "grants:manage": "Grant agents access to tools, and define exchange policies",
  "settings:read": "Read Warden's settings",
  "settings:manage": "Change Warden's settings",
  "audit:read": "Read the audit log",
  "audit:verify": "Verify the audit hash chain",
  "audit:manage": "Configure audit forwarding (SIEM webhooks, file and syslog sinks), retention and anchoring",
  "metrics:read": "Scrape Warden's Prometheus metrics",
  "campaigns:read": "View recertification campaigns, their items and progress",
  "campaigns:manage": "Create, launch and close recertification campaigns",
  "reviews:decide": "Decide the review items assigned to oneself",
  "notifications:read": "View webhook endpoints and the notification delivery log",
  "notifications:manage": "Create, change and delete webhook endpoints, and retry failed deliveries",
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export const ROLES = ["admin", "owner", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL_PERMISSIONS,
  owner: ["identities:read", "identities:register", "api-tokens:manage-own", "settings:read", "reviews:decide"],
  auditor: ["users:read", "identities:read", "audit:read", "audit:verify", "api-tokens:manage-own", "settings:read", "campaigns:read", "notifications:read", "metrics:read"],
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  owner: "Owner",
  auditor: "Auditor",
};

/** Role permissions, narrowed by an optional scope list (API tokens). */
export function effectivePermissions(roles: readonly Role[], scopes?: readonly Permission[] | null): Set<Permission> {
  let granted: Permission[] = ALL_PERMISSIONS.filter((permission) => roles.every((role) => ROLE_PERMISSIONS[role].includes(permission)));
  if (scopes) granted = granted.filter((permission) => scopes.includes(permission));
  return new Set(granted);
}

/** A role may only hand out (e.g. to an API token) what it holds itself. */
export function roleCovers(holder: Role, requested: Role): boolean {
  return ROLE_PERMISSIONS[requested].every((permission) => ROLE_PERMISSIONS[holder].includes(permission));
}
