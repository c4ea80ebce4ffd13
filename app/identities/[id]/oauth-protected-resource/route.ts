// GET /identities/{id}/oauth-protected-resource — public RFC 9728 Protected Resource Metadata of an MCP server
import { protectedResourceMetadata } from "@/lib/catalog/protected-resource-metadata";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const metadata = /^srv_[0-9a-z]{26}$/.test(id) ? await protectedResourceMetadata(id) : null;
  if (!metadata) {
    return Response.json({ error: "not_found", error_description: "No active MCP server with this id" }, { status: 404, headers: { "cache-control": "no-store" } });
  }
  const headers = { "content-type": "application/json", "cache-control": "public, max-age=60", etag: metadata.etag };
  // RFC 9110 §13.1.2: weak comparison, and "*" matches any current representation
  const match = request.headers.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim() === "*" || tag.trim().replace(/^W\//, "") === metadata.etag)) return new Response(null, { status: 304, headers });
  return new Response(metadata.body, { status: 200, headers });
}
