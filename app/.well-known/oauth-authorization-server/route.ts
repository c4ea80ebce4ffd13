// GET /.well-known/oauth-authorization-server — RFC 8414 metadata
import { authorizationServerMetadata } from "@/lib/oauth/metadata";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return new Response(await authorizationServerMetadata(), { headers: { "content-type": "application/json", "cache-control": "public, max-age=60" } });
}
