// What `npm audit --omit=dev --json` said, judged against the documented
// exceptions (docs/npm-audit-exceptions.json): a high or critical advisory on a
// production dependency fails unless an exception names it with the reason it
// cannot be reached from Warden. Written by hand because npm audit has no
// allow-list of its own (`--audit-level` only moves the threshold).
import { z } from "zod";

const advisory = z.object({ source: z.union([z.number(), z.string()]).optional(), name: z.string(), title: z.string().optional(), url: z.string().optional(), severity: z.string() });
const vulnerability = z.object({ name: z.string(), severity: z.string(), via: z.array(z.union([z.string(), advisory])) });
const report = z.object({ vulnerabilities: z.record(z.string(), vulnerability) });
const failure = z.object({ statusCode: z.number().optional(), message: z.string().optional(), error: z.object({ summary: z.string().optional(), code: z.string().optional() }).optional() });

export const exceptionsSchema = z.array(
  z.object({
    /** the advisory's address as npm audit prints it (https://github.com/advisories/GHSA-…) */
    advisory: z.string().url(),
    package: z.string().min(1),
    /** why the vulnerable code cannot be reached from Warden, or what contains it */
    reason: z.string().min(20),
  }),
);
export type AuditException = z.infer<typeof exceptionsSchema>[number];

export type Finding = { package: string; severity: string; title: string; advisory: string };
export type Verdict =
  | { kind: "unavailable"; reason: string }
  | { kind: "clean"; excepted: Finding[] }
  | { kind: "findings"; findings: Finding[]; excepted: Finding[] };

const BLOCKING = new Set(["high", "critical"]);

/** Judges npm audit's JSON output (the text of its stdout) against the exceptions. */
export function judgeAudit(stdout: string, exceptions: AuditException[]): Verdict {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { kind: "unavailable", reason: `npm audit printed no JSON: ${stdout.slice(0, 200)}` };
  }
  const ok = report.safeParse(parsed);
  if (!ok.success) {
    const failed = failure.safeParse(parsed);
    const detail = failed.success ? failed.data.message || failed.data.error?.summary || failed.data.error?.code : undefined;
    return { kind: "unavailable", reason: `the advisory service did not answer (${detail || "unrecognised output"})` };
  }
  const findings: Finding[] = [];
  for (const vulnerable of Object.values(ok.data.vulnerabilities)) {
    for (const via of vulnerable.via) {
      // a string names another vulnerable package; its own entry carries the advisory
      if (typeof via === "string" || !BLOCKING.has(via.severity)) continue;
      findings.push({ package: via.name, severity: via.severity, title: via.title ?? "", advisory: via.url ?? String(via.source ?? "") });
    }
  }
  const unique = [...new Map(findings.map((finding) => [`${finding.package} ${finding.advisory}`, finding])).values()];
  const isExcepted = (finding: Finding) => exceptions.some((exception) => exception.advisory === finding.advisory && exception.package === finding.package);
  const excepted = unique.filter(isExcepted);
  const open = unique.filter((finding) => !isExcepted(finding));
  return open.length ? { kind: "findings", findings: open, excepted } : { kind: "clean", excepted };
}
