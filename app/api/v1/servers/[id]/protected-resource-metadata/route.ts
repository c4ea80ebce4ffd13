// GET /api/v1/servers/{id}/protected-resource-metadata — the RFC 9728 document for this server
import { handle } from "@/lib/api/handle";
import { getProtectedResourceMetadataContract } from "@/lib/api/contracts/catalog";
import { assertCan } from "@/lib/auth/actor";
import { protectedResourceMetadata } from "@/lib/catalog/protected-resource-metadata";
import { notFound } from "@/lib/errors/app-error";

export const GET = handle(getProtectedResourceMetadataContract, async ({ actor, params }) => {
  assertCan(actor, "identities:read");
  const metadata = await protectedResourceMetadata(params.id);
  if (!metadata) throw notFound("An active MCP server");
  return metadata.document;
});
