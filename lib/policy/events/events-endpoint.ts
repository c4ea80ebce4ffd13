// POST /policy/v1/events: an enforcement point sends a batch of decision and
// tool-call events (lib/policy/events/schema.ts, at most 500 per batch, 1 MiB).
// Authenticated like the bundle endpoint; the batch must match the schema
// exactly (a precise 400 naming the first wrong field, nothing stored
// otherwise); 200 with how many events were stored and how many were already
// stored (a retried batch). Rate-limited per IP address and per enforcement
// point: 429 with Retry-After (the SDK's sink keeps the batch and retries).
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateOrRefuse, clientIpOf, readJsonBody, refuseWhenRateLimited, sendPolicyError } from "@/lib/policy/bundle/endpoint-responses";
import { ingestEnforcementEvents } from "@/lib/policy/events/ingest-events";
import { ZEventBatch } from "@/lib/policy/events/schema";

const MAX_BODY_BYTES = 1024 * 1024;

export async function serveEventBatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") return sendPolicyError(res, 405, "invalid_request", "Use POST", { allow: "POST" });
  if (await refuseWhenRateLimited(res, "events", { per: "ip", id: clientIpOf(req) })) return;
  const identityId = await authenticateOrRefuse(req, res);
  if (identityId === null || (await refuseWhenRateLimited(res, "events", { per: "client", id: identityId }))) return;
  const body = await readJsonBody(req, res, MAX_BODY_BYTES, "batch");
  if (body === undefined) return;
  const parsed = ZEventBatch.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return sendPolicyError(res, 400, "invalid_request", `${issue.path.join(".") || "batch"}: ${issue.message}`);
  }
  const result = await ingestEnforcementEvents(identityId, parsed.data.events);
  if (!result.ok) return sendPolicyError(res, result.status, "access_denied", result.message);
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ stored: result.stored, duplicates: result.duplicates }));
}
