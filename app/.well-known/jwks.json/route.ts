// GET /.well-known/jwks.json — Warden's public signing keys (next, active and retiring)
import { matchesIfNoneMatch } from "@/lib/server/public-documents/if-none-match";
import { keyStore } from "@/lib/signing-keys/key-store";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const { jwks } = await keyStore();
  const headers = { "content-type": "application/jwk-set+json", "cache-control": "public, max-age=60", etag: jwks.etag };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), jwks.etag)) return new Response(null, { status: 304, headers });
  return new Response(jwks.body, { headers });
}
