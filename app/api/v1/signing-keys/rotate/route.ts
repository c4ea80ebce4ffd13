// POST /api/v1/signing-keys/rotate — rotate Warden's signing key
import { handle } from "@/lib/api/handle";
import { rotateSigningKeyContract } from "@/lib/api/contracts/tokens";
import { rotateSigningKey } from "@/lib/signing-keys/rotate-signing-key";

export const POST = handle(rotateSigningKeyContract, ({ actor, body, context }) => rotateSigningKey({ actor, alg: body.alg, context }));
