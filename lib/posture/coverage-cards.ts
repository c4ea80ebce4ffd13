// Audit coverage: which active servers had their calls reported to the audit
// log in the last 24 hours, and which gateways stopped reporting their status.
import "server-only";
import { db } from "@/lib/db/client";
import { DRILLDOWN_MAX_ITEMS, type CardSpec } from "@/lib/posture/card-spec";
import { serversReportingSince } from "@/lib/posture/reporting-servers";
import { liveIdentities, memo, type PostureScope } from "@/lib/posture/scope";
import { REPORT_INTERVAL_SECONDS, STALE_AFTER_INTERVALS } from "@/lib/policy/status/list-fleet";

export const COVERAGE_HOURS = 24;

/**
 * The servers some enforcement point (a gateway fronting them, or their own
 * SDK) reported calls about in the last 24 hours (lib/posture/reporting-servers.ts:
 * kept per process, topped up from the events appended since the last request).
 */
export function reportingServerIds(scope: PostureScope): Promise<string[]> {
  return memo(scope, "reporting-servers", () => serversReportingSince(new Date(scope.now.getTime() - COVERAGE_HOURS * 3_600_000), scope.now));
}

/**
 * The active servers in view, split by whether they reported, compared in
 * memory: a Prisma `id: { in | notIn }` of the reporting servers would exceed
 * SQLite's 999 bound parameters once more than 999 servers report.
 */
function serverCoverage(scope: PostureScope): Promise<{ reporting: number; silent: string[] }> {
  return memo(scope, "server-coverage", async () => {
    const [servers, reporting] = await Promise.all([
      db().identity.findMany({ where: liveIdentities(scope, { kind: "server", status: "active" }), select: { id: true }, orderBy: { id: "asc" } }),
      reportingServerIds(scope).then((ids) => new Set(ids)),
    ]);
    const silent = servers.flatMap((server) => (reporting.has(server.id) ? [] : [server.id]));
    return { reporting: servers.length - silent.length, silent };
  });
}

export const COVERAGE_CARDS: CardSpec[] = [
  {
    id: "servers-reporting",
    group: "coverage",
    kind: "share",
    views: ["estate"],
    requires: () => "audit:read",
    title: "Servers reporting calls (24 h)",
    description: "Active servers whose gateway or SDK reported decisions or tool calls in the last 24 hours; the rest leave no audit trail of their calls.",
    counts: async (scope) => {
      const coverage = await serverCoverage(scope);
      return { part: coverage.reporting, gap: coverage.silent.length };
    },
    // the drill-down lists by id: the first silent servers are all it can show
    gap: { source: "identity", where: async (scope) => ({ id: { in: (await serverCoverage(scope)).silent.slice(0, DRILLDOWN_MAX_ITEMS + 1) } }) },
  },
  {
    id: "gateways-stale",
    group: "coverage",
    kind: "count",
    severity: "critical",
    views: ["estate", "mine"],
    title: "Stale gateways",
    description: `Gateways with no status report in the last ${REPORT_INTERVAL_SECONDS * STALE_AFTER_INTERVALS} seconds (or never): they may enforce an old policy, or nothing.`,
    // the same rule as the fleet view (lib/policy/status/list-fleet.ts)
    rows: {
      source: "identity",
      where: (scope) =>
        liveIdentities(scope, {
          kind: "gateway",
          OR: [{ enforcementStatus: { is: null } }, { enforcementStatus: { reportedAt: { lt: new Date(scope.now.getTime() - REPORT_INTERVAL_SECONDS * STALE_AFTER_INTERVALS * 1000) } } }],
        }),
    },
  },
];
