// GET /api/v1/openapi.json — the OpenAPI 3.1 document of the management API
import { handle } from "@/lib/api/handle";
import { getOpenApiContract } from "@/lib/api/contracts/meta";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { publicUrl } from "@/lib/config/env";

export const GET = handle(getOpenApiContract, async () => buildOpenApiDocument(undefined, publicUrl()));
