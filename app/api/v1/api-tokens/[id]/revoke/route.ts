// POST /api/v1/api-tokens/{id}/revoke — revoke an API token
import { handle } from "@/lib/api/handle";
import { revokeApiTokenContract } from "@/lib/api/contracts/api-tokens";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";

export const POST = handle(revokeApiTokenContract, ({ actor, params, context }) => revokeApiToken({ actor, tokenId: params.id, context }));
