// POST /api/v1/identities/{id}/resume — resume a suspended identity
import { handle } from "@/lib/api/handle";
import { resumeIdentityContract } from "@/lib/api/contracts/identities";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";

export const POST = handle(resumeIdentityContract, ({ actor, params, body, context }) =>
  changeIdentityStatus({ actor, identityId: params.id, change: "resume", reason: (body as { reason?: string }).reason, context }),
);
