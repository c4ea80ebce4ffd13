// POST /policy/v1/status: an enforcement point reports what it enforces.
// Authenticated like the bundle endpoint; a JSON body of at most 64 KiB that
// must match ZStatusReport exactly (precise 400s, nothing stored otherwise);
// 204 when stored. Rate-limited like the events endpoint (429, Retry-After).
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateOrRefuse, clientIpOf, readJsonBody, refuseWhenRateLimited, sendPolicyError } from "@/lib/policy/bundle/endpoint-responses";
import { recordEnforcementStatus } from "@/lib/policy/status/record-status";
import { ZStatusReport } from "@/lib/policy/status/schemas";

const MAX_BODY_BYTES = 64 * 1024;

export async function serveStatusReport(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") return sendPolicyError(res, 405, "invalid_request", "Use POST", { allow: "POST" });
  if (await refuseWhenRateLimited(res, "status", { per: "ip", id: clientIpOf(req) })) return;
  const identityId = await authenticateOrRefuse(req, res);
  if (identityId === null || (await refuseWhenRateLimited(res, "status", { per: "client", id: identityId }))) return;
  const json = await readJsonBody(req, res, MAX_BODY_BYTES, "report");
  if (json === undefined) return;
  const parsed = ZStatusReport.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return sendPolicyError(res, 400, "invalid_request", `${issue.path.join(".") || "report"}: ${issue.message}`);
  }
  if (!(await recordEnforcementStatus(identityId, parsed.data))) return sendPolicyError(res, 403, "access_denied", "Only active gateways and MCP servers report status");
  res.writeHead(204, { "cache-control": "no-store" });
  res.end();
}
