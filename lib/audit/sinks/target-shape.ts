// The shape of a sink's target, per kind, without the deployment's rules
// (which hosts may get plain http, where files may go: lib/audit/sinks/targets.ts).
// Pure, so the console's form and the API check the same things.
import { ZWebhookUrl } from "@/lib/notifications/schemas";

export const AUDIT_SINK_KINDS = ["webhook", "file", "syslog"] as const;
export type AuditSinkKind = (typeof AUDIT_SINK_KINDS)[number];

export const SYSLOG_PROTOCOLS = ["udp", "tcp"] as const;
export type SyslogTarget = { protocol: (typeof SYSLOG_PROTOCOLS)[number]; host: string; port: number };

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

/** `udp://host:port`, `tcp://host:port`, or `host:port` (UDP, as syslog traditionally is); IPv6 hosts in brackets. */
export function parseSyslogTarget(value: string): SyslogTarget | string {
  const match = /^(?:(udp|tcp):\/\/)?(\[[^\]]*\]|[^:/[\]]+):(\d{1,5})$/.exec(value.trim());
  if (!match) return "Must be host:port, optionally with udp:// or tcp:// in front, e.g. tcp://siem.example.com:6514";
  const [, protocol, rawHost, rawPort] = match;
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return "The port must be between 1 and 65535";
  const bracketed = rawHost!.startsWith("[");
  const host = bracketed ? rawHost!.slice(1, -1) : rawHost!;
  if (bracketed ? !(IPV6.test(host) && host.includes(":")) : !HOSTNAME.test(host)) return "The host must be a host name, an IPv4 address or an [IPv6] address";
  return { protocol: protocol === "tcp" ? "tcp" : "udp", host, port };
}

export function formatSyslogTarget(target: SyslogTarget): string {
  return `${target.protocol}://${target.host.includes(":") ? `[${target.host}]` : target.host}:${target.port}`;
}

/**
 * The problems with `target` for a sink of `kind` (empty when it is well formed).
 * Files: an absolute path without `.` or `..` segments (whether it lies under
 * the sink directory is the server's check).
 */
export function targetProblems(kind: AuditSinkKind, target: string): string[] {
  if (kind === "webhook") {
    const result = ZWebhookUrl.safeParse(target);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  }
  if (kind === "file") {
    if (!target.startsWith("/")) return ["Must be an absolute path, e.g. /var/lib/warden/audit-sinks/siem.jsonl"];
    if (target.includes("\0")) return ["Must not contain NUL characters"];
    const segments = target.split("/").slice(1);
    if (segments.some((segment) => segment === ".." || segment === ".")) return ["Must not contain . or .. segments"];
    if (segments.some((segment) => segment === "")) return ["Must name a file (no empty segments, no trailing /)"];
    return [];
  }
  const parsed = parseSyslogTarget(target);
  return typeof parsed === "string" ? [parsed] : [];
}
