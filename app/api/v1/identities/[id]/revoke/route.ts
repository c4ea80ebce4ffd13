// POST /api/v1/identities/{id}/revoke — revoke an identity for ever
import { handle } from "@/lib/api/handle";
import { revokeIdentityContract } from "@/lib/api/contracts/identities";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";

export const POST = handle(revokeIdentityContract, ({ actor, params, body, context }) =>
  changeIdentityStatus({ actor, identityId: params.id, change: "revoke", reason: (body as { reason?: string }).reason, context }),
);
