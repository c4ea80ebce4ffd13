// GET /identities/{id}/oauth-protected-resource — public RFC 9728 Protected Resource Metadata of an
// MCP server. Served by the Next.js route file and by machine-plane instances (lib/server/machine-fallback.ts).
import { protectedResourceMetadata } from "@/lib/catalog/protected-resource-metadata";
import { matchesIfNoneMatch } from "@/lib/server/public-documents/if-none-match";

export async function protectedResourceResponse(request: Request, id: string): Promise<Response> {
  const metadata = /^srv_[0-9a-z]{26}$/.test(id) ? await protectedResourceMetadata(id) : null;
  if (!metadata) {
    return Response.json({ error: "not_found", error_description: "No active MCP server with this id" }, { status: 404, headers: { "cache-control": "no-store" } });
  }
  const headers = { "content-type": "application/json", "cache-control": "public, max-age=60", etag: metadata.etag };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), metadata.etag)) return new Response(null, { status: 304, headers });
  return new Response(metadata.body, { status: 200, headers });
}
