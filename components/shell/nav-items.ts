// The console's sections (design.md). `permission` hides a section from users
// who could not use it; the pages check again on the server.
import type { Permission } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; permission?: Permission; group: "overview" | "inventory" | "governance" | "admin" };

export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", group: "overview" },
  { href: "/my-identities", label: "My identities", permission: "identities:read", group: "inventory" },
  { href: "/servers", label: "MCP servers", permission: "identities:read", group: "inventory" },
  { href: "/agents", label: "Agents", permission: "identities:read", group: "inventory" },
  { href: "/resources", label: "Resources", permission: "identities:read", group: "inventory" },
  { href: "/gateways", label: "Gateways", permission: "identities:read", group: "inventory" },
  { href: "/orphans", label: "Orphans", permission: "identities:read", group: "inventory" },
  { href: "/campaigns", label: "Campaigns", permission: "campaigns:read", group: "governance" },
  { href: "/reviews", label: "My reviews", group: "governance" },
  { href: "/access", label: "Effective access", permission: "identities:read", group: "governance" },
  { href: "/access/requests", label: "Access requests", permission: "identities:read", group: "governance" },
  { href: "/access/toxic", label: "Toxic combinations", permission: "identities:read", group: "governance" },
  { href: "/exchange-policies", label: "Exchange policies", permission: "identities:read", group: "governance" },
  { href: "/revocations", label: "Revocations", permission: "identities:read", group: "governance" },
  { href: "/audit", label: "Audit log", permission: "audit:read", group: "governance" },
  { href: "/settings/users", label: "Users", permission: "users:read", group: "admin" },
  { href: "/settings/api-tokens", label: "API tokens", permission: "api-tokens:manage-own", group: "admin" },
  { href: "/settings/signing-keys", label: "Signing keys", permission: "settings:read", group: "admin" },
  { href: "/settings/attesters", label: "Trusted attesters", permission: "settings:read", group: "admin" },
  { href: "/settings/registry", label: "Registry settings", permission: "settings:read", group: "admin" },
  { href: "/settings/capability-tags", label: "Capability tags", permission: "identities:read", group: "admin" },
  { href: "/settings/toxic-policies", label: "Toxic-combination policies", permission: "identities:read", group: "admin" },
  { href: "/settings/webhooks", label: "Webhooks", permission: "notifications:manage", group: "admin" },
  { href: "/settings/notifications", label: "Delivery log", permission: "notifications:read", group: "admin" },
  { href: "/settings/audit-forwarding", label: "Audit forwarding", permission: "audit:read", group: "admin" },
];

export const NAV_GROUP_LABELS: Record<NavItem["group"], string> = {
  overview: "Overview",
  inventory: "Inventory",
  governance: "Governance",
  admin: "Settings",
};
