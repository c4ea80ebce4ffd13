import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, effectivePermissions, roleCovers, ROLE_PERMISSIONS } from "@/lib/auth/permissions";

describe("permissions", () => {
  it("gives admins everything and auditors no management", () => {
    expect([...effectivePermissions(["admin"])].sort()).toEqual([...ALL_PERMISSIONS].sort());
    const auditor = effectivePermissions(["auditor"]);
    for (const permission of ["users:manage", "identities:register", "identities:manage-any", "api-tokens:manage-all"] as const) expect(auditor.has(permission)).toBe(false);
    expect(auditor.has("audit:read")).toBe(true);
  });
  it("intersects several roles and narrows by scopes", () => {
    expect([...effectivePermissions(["admin", "owner"])].sort()).toEqual([...ROLE_PERMISSIONS.owner].sort());
    expect([...effectivePermissions(["admin"], ["users:read", "audit:read"])].sort()).toEqual(["audit:read", "users:read"]);
    expect([...effectivePermissions(["owner"], ["users:read"])]).toEqual([]);
  });
  it("lets a role hand out only what it holds", () => {
    expect(roleCovers("admin", "owner")).toBe(true);
    expect(roleCovers("admin", "auditor")).toBe(true);
    expect(roleCovers("owner", "admin")).toBe(false);
    expect(roleCovers("owner", "auditor")).toBe(false);
    expect(roleCovers("auditor", "owner")).toBe(false);
    expect(roleCovers("owner", "owner")).toBe(true);
  });
});
