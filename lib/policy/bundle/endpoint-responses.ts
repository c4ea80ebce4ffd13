// What the policy endpoints (bundle, status, events) share: their error bodies
// ({ error, error_description }, never cached), authenticating the
// enforcement point with the matching 401 (Bearer challenge) or 403, the
// ingestion endpoints' rate limits, and reading a bounded JSON body.
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_IP_HEADER } from "@/lib/http/request-context";
import { ISSUER } from "@/lib/oauth/config";
import { authenticatePoint, BundleAuthError, type AuthenticatedPoint } from "@/lib/policy/bundle/endpoint-auth";
import { checkRateLimits, describeLimit, type Caller } from "@/lib/rate-limit/check-rate-limits";

export function sendPolicyError(res: ServerResponse, status: number, error: string, description: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify({ error, error_description: description }));
}

/** The enforcement point's identity id, or null after answering 401/403. */
export async function authenticateOrRefuse(req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  return (await authenticatePointOrRefuse(req, res))?.identityId ?? null;
}

/** The authenticated enforcement point (with how long that holds), or null after answering 401/403. */
export async function authenticatePointOrRefuse(req: IncomingMessage, res: ServerResponse): Promise<AuthenticatedPoint | null> {
  try {
    return await authenticatePoint(req.headers.authorization ?? null);
  } catch (error) {
    if (!(error instanceof BundleAuthError)) throw error;
    if (error.status === 403) sendPolicyError(res, 403, "access_denied", error.message);
    else sendPolicyError(res, 401, "invalid_token", error.message, { "www-authenticate": `Bearer realm="${ISSUER()}", error="invalid_token", error_description="${error.message.replace(/["\\]/g, "'")}"` });
    return null;
  }
}

/** The client's address, as the server stamped it (lib/server/request-meta.ts). */
export function clientIpOf(req: IncomingMessage): string | null {
  const ip = req.headers[CLIENT_IP_HEADER];
  return typeof ip === "string" ? ip : null;
}

/**
 * Counts an ingestion request against its limit per IP address (before
 * authentication) or per enforcement point (after); true after answering 429
 * `rate_limited` with Retry-After. Refusals are counted in metrics, not audited.
 */
export async function refuseWhenRateLimited(res: ServerResponse, endpoint: "events" | "status", caller: Caller): Promise<boolean> {
  const refusal = await checkRateLimits(endpoint, [caller]);
  if (!refusal) return false;
  sendPolicyError(res, 429, "rate_limited", describeLimit(refusal), { "retry-after": String(refusal.retryAfterSeconds) });
  return true;
}

/** The parsed JSON body, or undefined after answering 415, 413 or 400 (`what` names it in the message). */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, maxBytes: number, what: string): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    sendPolicyError(res, 415, "invalid_request", `Send the ${what} as application/json`);
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      sendPolicyError(res, 413, "invalid_request", `The ${what} must be at most ${maxBytes} bytes`);
      return undefined;
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    sendPolicyError(res, 400, "invalid_request", `The ${what} is not valid JSON`);
    return undefined;
  }
}
