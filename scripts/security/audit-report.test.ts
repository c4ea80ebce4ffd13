import { describe, expect, it } from "vitest";
import { exceptionsSchema, judgeAudit } from "./audit-report";

// npm audit --json (auditReportVersion 2): an advisory on minimist reached through mkdirp
const MINIMIST = "https://github.com/advisories/GHSA-xvch-5gv4-984h";
function reportWith(severity: string) {
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: {
      minimist: {
        name: "minimist",
        severity,
        isDirect: false,
        via: [{ source: 1096466, name: "minimist", dependency: "minimist", title: "Prototype Pollution in minimist", url: MINIMIST, severity, range: "<0.2.4" }],
        effects: ["mkdirp"],
        range: "<0.2.4",
        nodes: ["node_modules/minimist"],
        fixAvailable: true,
      },
      mkdirp: { name: "mkdirp", severity, isDirect: true, via: ["minimist"], effects: [], range: "0.4.1 - 0.5.1", nodes: ["node_modules/mkdirp"], fixAvailable: true },
    },
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 2, total: 2 } },
  });
}
const EXCEPTION = { advisory: MINIMIST, package: "minimist", reason: "only the build tooling parses arguments with it; no request reaches it" };

describe("judgeAudit", () => {
  it("passes a report without vulnerabilities", () => {
    expect(judgeAudit(JSON.stringify({ auditReportVersion: 2, vulnerabilities: {} }), [])).toEqual({ kind: "clean", excepted: [] });
  });

  it("fails on a critical advisory, once per advisory, naming package and address", () => {
    expect(judgeAudit(reportWith("critical"), [])).toEqual({
      kind: "findings",
      findings: [{ package: "minimist", severity: "critical", title: "Prototype Pollution in minimist", advisory: MINIMIST }],
      excepted: [],
    });
    expect(judgeAudit(reportWith("high"), []).kind).toBe("findings");
  });

  it("lets moderate and low advisories through", () => {
    expect(judgeAudit(reportWith("moderate"), []).kind).toBe("clean");
    expect(judgeAudit(reportWith("low"), []).kind).toBe("clean");
  });

  it("accepts a finding only when an exception names its advisory and package", () => {
    expect(judgeAudit(reportWith("critical"), [EXCEPTION])).toMatchObject({ kind: "clean", excepted: [{ package: "minimist" }] });
    expect(judgeAudit(reportWith("critical"), [{ ...EXCEPTION, package: "mkdirp" }]).kind).toBe("findings");
    expect(judgeAudit(reportWith("critical"), [{ ...EXCEPTION, advisory: "https://github.com/advisories/GHSA-0000-0000-0000" }]).kind).toBe("findings");
  });

  it("reports an unreachable advisory service as unavailable, not as clean", () => {
    // what this workplace's registry answers
    const refused = JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405, body: "", error: { summary: "", detail: "" } });
    expect(judgeAudit(refused, [])).toEqual({ kind: "unavailable", reason: expect.stringContaining("405 Method Not Allowed") });
    expect(judgeAudit("npm error network", []).kind).toBe("unavailable");
    expect(judgeAudit("", []).kind).toBe("unavailable");
  });

  it("requires each exception to give a reason", () => {
    expect(exceptionsSchema.safeParse([{ ...EXCEPTION, reason: "n/a" }]).success).toBe(false);
    expect(exceptionsSchema.safeParse([{ ...EXCEPTION, advisory: "GHSA-xvch" }]).success).toBe(false);
    expect(exceptionsSchema.safeParse([EXCEPTION]).success).toBe(true);
  });
});
