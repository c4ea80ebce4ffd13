// GET /identities/{id}/jwks.json — an identity's published public keys (lib/server/public-documents/identity-jwks.ts)
import { identityJwksResponse } from "@/lib/server/public-documents/identity-jwks";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return identityJwksResponse(request, (await params).id);
}
