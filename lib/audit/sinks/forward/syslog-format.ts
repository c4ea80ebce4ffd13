// RFC 5424 syslog messages, one per audit event, carrying the exported record
// as JSON in MSG (docs/audit-forwarding.md):
//   <PRI>1 TIMESTAMP HOSTNAME warden PROCID MSGID - {"timestamp":…}
// Facility 13 (log audit); severity 6 (informational) for successes, 4
// (warning) for failures and refusals. TIMESTAMP is the event's time, MSGID its
// action. The JSON escapes every non-ASCII character, so MSG is plain ASCII and
// needs no BOM. Over TCP, messages are framed by octet counting (RFC 6587).
import os from "node:os";
import type { ExportRecord } from "@/lib/audit/otel-fields";

export const SYSLOG_FACILITY = 13;
export const SYSLOG_APP_NAME = "warden";
export const SEVERITY = { success: 6, other: 4 } as const;
/** The largest message sent in one UDP datagram; larger records lose their details (marked). */
export const MAX_UDP_MESSAGE_BYTES = 60_000;

/** PRINTUSASCII without spaces, at most `max` characters, or the nil value "-". */
function headerField(value: string | null | undefined, max: number): string {
  const cleaned = (value ?? "").replace(/[^\x21-\x7e]/g, "").slice(0, max);
  return cleaned || "-";
}

export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function syslogMessage(record: ExportRecord, options: { hostname?: string; procId?: string; maxBytes?: number } = {}): string {
  const severity = record["warden.audit.outcome"] === "success" ? SEVERITY.success : SEVERITY.other;
  const header = [
    `<${SYSLOG_FACILITY * 8 + severity}>1`,
    headerField(record.timestamp, 64),
    headerField(options.hostname ?? os.hostname(), 255),
    SYSLOG_APP_NAME,
    headerField(options.procId ?? String(process.pid), 128),
    headerField(record["warden.audit.action"], 32),
    "-",
  ].join(" ");
  let message = `${header} ${asciiJson(record)}`;
  if (options.maxBytes !== undefined && message.length > options.maxBytes) {
    // ASCII only, so length is bytes; the record keeps every field, its details say they were cut
    const cut = { ...record, "warden.audit.details": JSON.stringify({ "warden.truncated": true, bytes: record["warden.audit.details"]?.length ?? 0 }) };
    message = `${header} ${asciiJson(cut)}`;
  }
  return message;
}

/** RFC 6587 octet counting: "<length> <message>". */
export function octetCounted(message: string): string {
  return `${Buffer.byteLength(message, "utf8")} ${message}`;
}
