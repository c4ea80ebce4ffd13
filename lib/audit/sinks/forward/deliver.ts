// Sends one non-empty batch to a sink, whatever its kind. Returns the outcome;
// never throws (a failure is an outcome the forwarder records and retries).
import "server-only";
import { auditSinkDir } from "@/lib/audit/sinks/config";
import type { Batch } from "@/lib/audit/sinks/forward/read-batch";
import { sendSyslogBatch } from "@/lib/audit/sinks/forward/send-syslog";
import { sendWebhookBatch } from "@/lib/audit/sinks/forward/send-webhook";
import { appendJsonLines } from "@/lib/audit/sinks/forward/write-file";
import { parseSyslogTarget } from "@/lib/audit/sinks/target-shape";
import type { Attempt } from "@/lib/notifications/attempt";
import { shortError } from "@/lib/notifications/short-error";
import { openWebhookSecret } from "@/lib/notifications/webhook-secret";

export type DeliverableSink = { id: string; kind: string; target: string; secretEnc: string | null };

export async function deliverBatch(sink: DeliverableSink, batch: Batch, timeoutMs: number): Promise<Attempt> {
  try {
    if (sink.kind === "webhook") {
      let secret: string;
      try {
        secret = openWebhookSecret(sink.secretEnc ?? "", sink.id);
      } catch {
        return { ok: false, status: null, error: "The sink's secret cannot be opened (was WARDEN_KEK changed?)" };
      }
      return await sendWebhookBatch({ url: sink.target, secret, timeoutMs, batch: { sinkId: sink.id, records: batch.records, firstSeq: batch.firstSeq!, lastSeq: batch.lastSeq! } });
    }
    if (sink.kind === "file") return await appendJsonLines({ file: sink.target, sinkDir: auditSinkDir(), records: batch.records });
    if (sink.kind === "syslog") {
      const target = parseSyslogTarget(sink.target);
      if (typeof target === "string") return { ok: false, status: null, error: `The target is not valid: ${target}` };
      return await sendSyslogBatch({ target, records: batch.records, timeoutMs });
    }
    return { ok: false, status: null, error: `Unknown sink kind ${sink.kind}` };
  } catch (error) {
    return { ok: false, status: null, error: shortError(error) };
  }
}
