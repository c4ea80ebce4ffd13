// GET /identities/{id}/oauth-protected-resource — RFC 9728 metadata of an MCP server (lib/server/public-documents/protected-resource.ts)
import { protectedResourceResponse } from "@/lib/server/public-documents/protected-resource";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return protectedResourceResponse(request, (await context.params).id);
}
