// GET /api/v1/identities — identities of every kind (orphans, "mine", by tag…)
import { handle } from "@/lib/api/handle";
import { listIdentitiesContract } from "@/lib/api/contracts/identities";
import { listIdentities } from "@/lib/identities/list-identities";

export const GET = handle(listIdentitiesContract, ({ actor, query }) => listIdentities({ actor, query }));
