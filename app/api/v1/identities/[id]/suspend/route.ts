// POST /api/v1/identities/{id}/suspend — suspend an active identity
import { handle } from "@/lib/api/handle";
import { suspendIdentityContract } from "@/lib/api/contracts/identities";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";

export const POST = handle(suspendIdentityContract, ({ actor, params, body, context }) =>
  changeIdentityStatus({ actor, identityId: params.id, change: "suspend", reason: (body as { reason?: string }).reason, context }),
);
