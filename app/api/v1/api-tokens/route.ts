// GET /api/v1/api-tokens — list API tokens; POST — create one (secret shown once)
import { handle } from "@/lib/api/handle";
import { createApiTokenContract, listApiTokensContract } from "@/lib/api/contracts/api-tokens";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";

export const GET = handle(listApiTokensContract, ({ actor, query }) => listApiTokens({ actor, all: query.all === "true", cursor: query.cursor, limit: query.limit }));
export const POST = handle(createApiTokenContract, ({ actor, body, context }) => createApiToken({ actor, input: body, context }));
