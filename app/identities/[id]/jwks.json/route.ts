// GET /identities/{id}/jwks.json — an identity's published public keys as a JWK Set (public, cacheable;
// not a management endpoint, so it has no contract)
import { normalizeError } from "@/lib/errors/normalize";
import { problemResponse } from "@/lib/http/problem";
import { contextFromHeaders } from "@/lib/http/request-context";
import { publicJwksDocument } from "@/lib/identities/keys/public-jwks";
import { logger } from "@/lib/log";

// RFC 9110 §13.1.2: If-None-Match uses the weak comparison, and "*" matches any current representation.
function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === strip(etag));
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const context = contextFromHeaders(request.headers);
  try {
    const { id } = await params;
    const { body, etag } = await publicJwksDocument({ identityId: id });
    const headers = { etag, "cache-control": "public, max-age=60", "x-request-id": context.requestId };
    if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers: { ...headers, "content-type": "application/jwk-set+json" } });
  } catch (thrown) {
    const error = normalizeError(thrown);
    if (error.status >= 500) logger().error({ err: thrown, requestId: context.requestId }, "publishing a JWK Set failed");
    return problemResponse(error, context.requestId, new URL(request.url).pathname);
  }
}
