// POST /api/v1/identities/{id}/approve — approve a pending identity
import { handle } from "@/lib/api/handle";
import { approveIdentityContract } from "@/lib/api/contracts/identities";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";

export const POST = handle(approveIdentityContract, ({ actor, params, body, context }) =>
  changeIdentityStatus({ actor, identityId: params.id, change: "approve", reason: (body as { reason?: string }).reason, context }),
);
