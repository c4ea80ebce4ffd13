// GET /.well-known/jwks.json — Warden's public signing keys (next, active and retiring)
import { keyStore } from "@/lib/signing-keys/key-store";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const { jwks } = await keyStore();
  const headers = { "content-type": "application/jwk-set+json", "cache-control": "public, max-age=60", etag: jwks.etag };
  const match = request.headers.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === jwks.etag || tag.trim() === "*")) return new Response(null, { status: 304, headers });
  return new Response(jwks.body, { headers });
}
