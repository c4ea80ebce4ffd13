// The deployment's rules for sink targets, on top of their shape
// (target-shape.ts): webhooks use https except to loopback hosts; files stay
// under the sink directory. Returns the target as stored (syslog with its
// protocol spelled out), or throws a validation error naming `target`.
import path from "node:path";
import { auditSinkDir, plainHttpAllowed } from "@/lib/audit/sinks/config";
import { formatSyslogTarget, parseSyslogTarget, targetProblems, type AuditSinkKind } from "@/lib/audit/sinks/target-shape";
import { invalid } from "@/lib/errors/app-error";
import { literalRefusal } from "@/lib/http/outbound/destination";

const refuse = (message: string) => invalid("The sink's target is not allowed", [{ path: "target", message }]);

export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Whether `file` (absolute, normalized) lies strictly inside `dir`. */
export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

export function checkedTarget(kind: AuditSinkKind, raw: string): string {
  const target = raw.trim();
  const [problem] = targetProblems(kind, target);
  if (problem) throw refuse(problem);
  if (kind === "webhook") {
    const url = new URL(target);
    const refused = literalRefusal(url.hostname);
    if (refused) throw refuse(refused);
    if (url.protocol !== "https:" && !isLoopbackHost(url.hostname) && !plainHttpAllowed()) throw refuse("Must use https (http is allowed for loopback hosts only)");
    return target;
  }
  if (kind === "file") {
    const dir = auditSinkDir();
    if (path.normalize(target) !== target || !isInside(dir, target)) throw refuse(`Must be a file under the sink directory ${dir}`);
    return target;
  }
  const parsed = parseSyslogTarget(target);
  if (typeof parsed === "string") throw refuse(parsed);
  const refused = literalRefusal(parsed.host);
  if (refused) throw refuse(refused);
  return formatSyslogTarget(parsed);
}
