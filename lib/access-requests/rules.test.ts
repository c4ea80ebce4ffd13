import { describe, expect, it } from "vitest";
import { needsSecondApproval, nextStep, refusalFor, requiredSteps } from "@/lib/access-requests/rules";

const request = { requestedById: "usr_req", secondApprovalRequired: true, securityApprovalRequired: false };
const agent = { ownerId: "usr_req", backupOwnerId: "usr_agent_backup" };
const server = { ownerId: "usr_srv", backupOwnerId: "usr_srv_backup" };
const owner = (approverId: string) => ({ step: "owner", approverId, decision: "approved" });

describe("access request steps", () => {
  it("orders owner, admin, security and skips the ones not required", () => {
    expect(requiredSteps({ secondApprovalRequired: false, securityApprovalRequired: false })).toEqual(["owner"]);
    expect(requiredSteps({ secondApprovalRequired: true, securityApprovalRequired: true })).toEqual(["owner", "admin", "security"]);
    expect(nextStep(request, [])).toBe("owner");
    expect(nextStep(request, [owner("usr_srv")])).toBe("admin");
    expect(nextStep(request, [owner("usr_srv"), { step: "admin", approverId: "usr_a", decision: "approved" }])).toBeNull();
    expect(nextStep(request, [{ step: "owner", approverId: "usr_srv", decision: "denied" }])).toBeNull();
  });

  it("says who may decide each step", () => {
    const person = (userId: string | null, isAdmin = false) => ({ userId, isAdmin });
    expect(refusalFor("owner", person(null, true), request, [], agent, server)).toMatch(/people/);
    expect(refusalFor("owner", person("usr_req", true), request, [], agent, server)).toMatch(/You made this request/);
    expect(refusalFor("owner", person("usr_srv_backup"), request, [], agent, server)).toBeNull();
    expect(refusalFor("owner", person("usr_other"), request, [], agent, server)).toMatch(/owner of the MCP server/);
    expect(refusalFor("owner", person("usr_admin", true), request, [], agent, server)).toBeNull();
    expect(refusalFor("admin", person("usr_srv"), request, [owner("usr_srv")], agent, server)).toMatch(/another admin/);
    expect(refusalFor("admin", person("usr_admin", true), request, [owner("usr_admin")], agent, server)).toMatch(/approved the first step/);
    expect(refusalFor("admin", person("usr_agent_backup", true), request, [owner("usr_srv")], agent, server)).toMatch(/own this agent/);
    expect(refusalFor("admin", person("usr_admin", true), request, [owner("usr_srv")], agent, server)).toBeNull();
    expect(refusalFor("security", person("usr_srv"), request, [], agent, server)).toMatch(/security approval needs an admin/);
  });

  it("needs a second approval for irreversible tools, and for production write tools with the setting", () => {
    expect(needsSecondApproval(["read", "write"], "production", false)).toBe(false);
    expect(needsSecondApproval(["read", "irreversible"], "development", false)).toBe(true);
    expect(needsSecondApproval(["write"], "production", true)).toBe(true);
    expect(needsSecondApproval(["write"], "staging", true)).toBe(false);
  });
});
