// POST /api/v1/identities/{id}/keys/challenge — issue a single-use key challenge for proof of possession
import { handle } from "@/lib/api/handle";
import { createKeyChallengeContract } from "@/lib/api/contracts/keys";
import { createKeyChallenge } from "@/lib/identities/keys/create-key-challenge";

export const POST = handle(createKeyChallengeContract, ({ actor, params, context }) => createKeyChallenge({ actor, identityId: params.id, context }));
