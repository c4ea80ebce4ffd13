// POST /api/v1/identities/{id}/transfer — transfer an identity to a new owner
import type { z } from "zod";
import { handle } from "@/lib/api/handle";
import { transferIdentityContract } from "@/lib/api/contracts/identities";
import type { ZTransferInput } from "@/lib/identities/schemas";
import { transferOwnership } from "@/lib/identities/transfer-ownership";

export const POST = handle(transferIdentityContract, ({ actor, params, body, context }) => transferOwnership({ actor, identityId: params.id, input: body as z.output<typeof ZTransferInput>, context }));
