// The enforcement SDK's refusals, shaped as the specs say: 401 with a
// WWW-Authenticate challenge per accepted scheme (RFC 6750 §3 Bearer,
// RFC 9449 §7.1 DPoP with algs), each naming the protected resource metadata
// (RFC 9728 §5.1, which MCP clients follow to find Warden); 403
// insufficient_scope with the scope the call needs; 503 with Retry-After while
// no policy bundle is held. The body repeats error and error_description as JSON.
// No Next.js or database imports: usable from any Node service.
import { DPOP_ALGORITHMS } from "@/lib/gateway/dpop-proof";

export type Scheme = "DPoP" | "Bearer";

export type RefusalCode = "invalid_request" | "invalid_token" | "invalid_dpop_proof" | "insufficient_scope" | "temporarily_unavailable";

export type HttpRefusal = { status: 400 | 401 | 403 | 503; error: RefusalCode; description: string; scope?: string };

export type RefusalResponse = { status: number; headers: Record<string, string | string[]>; body: string };

const quoted = (value: string) => `"${value.replace(/["\\]/g, "'")}"`;

function challenge(scheme: Scheme, resourceMetadata: string, refusal?: HttpRefusal): string {
  const params: string[] = [];
  if (scheme === "DPoP") params.push(`algs=${quoted(DPOP_ALGORITHMS.filter((alg) => alg !== "Ed25519").join(" "))}`);
  if (refusal) {
    params.push(`error=${quoted(refusal.error)}`, `error_description=${quoted(refusal.description)}`);
    if (refusal.scope) params.push(`scope=${quoted(refusal.scope)}`);
  }
  params.push(`resource_metadata=${quoted(resourceMetadata)}`);
  return `${scheme} ${params.join(", ")}`;
}

/**
 * `scheme`: the scheme the request used, which carries the error; the other
 * scheme is offered without one. Without a scheme (no credentials) neither
 * challenge carries an error code (RFC 6750 §3.1).
 */
export function refusalResponse(refusal: HttpRefusal, resourceMetadata: string, scheme: Scheme | null): RefusalResponse {
  const headers: Record<string, string | string[]> = { "content-type": "application/json", "cache-control": "no-store" };
  if (refusal.status === 401 || refusal.status === 403) {
    const withError = (candidate: Scheme) => (scheme === candidate ? refusal : undefined);
    headers["www-authenticate"] = refusal.status === 403 && scheme ? [challenge(scheme, resourceMetadata, refusal)] : [challenge("DPoP", resourceMetadata, withError("DPoP")), challenge("Bearer", resourceMetadata, withError("Bearer"))];
  }
  if (refusal.status === 503) headers["retry-after"] = "1";
  const body = { error: refusal.error, error_description: refusal.description, ...(refusal.scope ? { scope: refusal.scope } : {}) };
  return { status: refusal.status, headers, body: JSON.stringify(body) };
}
