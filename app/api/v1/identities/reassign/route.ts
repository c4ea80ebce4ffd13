// POST /api/v1/identities/reassign — move identities to a new owner in bulk (admins)
import { handle } from "@/lib/api/handle";
import { reassignIdentitiesContract } from "@/lib/api/contracts/identities";
import { reassignIdentities } from "@/lib/identities/reassign-identities";

export const POST = handle(reassignIdentitiesContract, ({ actor, body, context }) => reassignIdentities({ actor, input: body, context }));
