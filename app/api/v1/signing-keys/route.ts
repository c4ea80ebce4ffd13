// GET /api/v1/signing-keys — Warden's signing keys (public data)
import { handle } from "@/lib/api/handle";
import { listSigningKeysContract } from "@/lib/api/contracts/tokens";
import { listSigningKeys } from "@/lib/signing-keys/list-signing-keys";

export const GET = handle(listSigningKeysContract, ({ actor }) => listSigningKeys({ actor }));
