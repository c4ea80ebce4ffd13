// What the policy endpoints (bundle, status) share: their error bodies
// ({ error, error_description }, never cached) and authenticating the
// enforcement point with the matching 401 (Bearer challenge) or 403.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ISSUER } from "@/lib/oauth/config";
import { authenticateEnforcementPoint, BundleAuthError } from "@/lib/policy/bundle/endpoint-auth";

export function sendPolicyError(res: ServerResponse, status: number, error: string, description: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify({ error, error_description: description }));
}

/** The enforcement point's identity id, or null after answering 401/403. */
export async function authenticateOrRefuse(req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  try {
    return await authenticateEnforcementPoint(req.headers.authorization ?? null);
  } catch (error) {
    if (!(error instanceof BundleAuthError)) throw error;
    if (error.status === 403) sendPolicyError(res, 403, "access_denied", error.message);
    else sendPolicyError(res, 401, "invalid_token", error.message, { "www-authenticate": `Bearer realm="${ISSUER()}", error="invalid_token", error_description="${error.message.replace(/["\\]/g, "'")}"` });
    return null;
  }
}
