// GET /identities/{id}/jwks.json — an identity's published public keys as a JWK Set (public, cacheable;
// not a management endpoint, so it has no contract). Served by the Next.js route file and by
// machine-plane instances (lib/server/machine-fallback.ts).
import { normalizeError } from "@/lib/errors/normalize";
import { problemResponse } from "@/lib/http/problem";
import { contextFromHeaders } from "@/lib/http/request-context";
import { publicJwksDocument } from "@/lib/identities/keys/public-jwks";
import { logger } from "@/lib/log";
import { matchesIfNoneMatch } from "@/lib/server/public-documents/if-none-match";

export async function identityJwksResponse(request: Request, id: string): Promise<Response> {
  const context = contextFromHeaders(request.headers);
  try {
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
