// POST /api/v1/tokens/revoke — revoke an access token (admins, owners of its agent)
import { handle } from "@/lib/api/handle";
import { revokeTokenContract } from "@/lib/api/contracts/tokens";
import { revokeTokenAsUser } from "@/lib/oauth/revoke-token-as-user";

export const POST = handle(revokeTokenContract, ({ actor, body, context }) => revokeTokenAsUser({ actor, input: body, context }));
