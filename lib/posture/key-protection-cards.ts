// Where agents' keys live: agents that authenticate with registered keys none
// of which a trusted attester showed to be hardware-bound, and — worse — agents
// whose keys must be hardware-bound (their own flag, or the
// hardwareKeysRequiredEnvironments setting) that cannot meet it, so the token
// endpoint refuses them (lib/oauth/client-auth.ts). Agents registered for
// attest_jwt_client_auth are left out of both: their instance key is attested
// afresh on every token request, not registered.
import "server-only";
import type { Prisma } from "@/lib/db/client";
import type { CardSpec } from "@/lib/posture/card-spec";
import { usableKey } from "@/lib/posture/identity-cards";
import { liveIdentities, memo, type PostureScope } from "@/lib/posture/scope";
import { hardwareEnvironments } from "@/lib/oauth/attestation/hardware-policy";

/** Live agents authenticating with registered keys, with a usable key but no usable hardware-attested one. */
function softwareOnly(scope: PostureScope, extra: Prisma.IdentityWhereInput = {}): Prisma.IdentityWhereInput {
  const usable = usableKey(scope.now);
  return liveIdentities(scope, {
    AND: [{ kind: "agent", authMethod: { not: "attest_jwt_client_auth" }, keys: { some: usable } }, { keys: { none: { AND: [usable, { protection: "hardware" }] } } }, extra],
  });
}

async function mustBeHardware(scope: PostureScope): Promise<Prisma.IdentityWhereInput> {
  const environments = await memo(scope, "hardware-environments", hardwareEnvironments);
  return { OR: [{ hardwareKeysRequired: true }, ...(environments.length > 0 ? [{ environment: { in: environments as never[] } }] : [])] };
}

export const KEY_PROTECTION_CARDS: CardSpec[] = [
  {
    id: "hardware-keys-unmet",
    group: "identities",
    kind: "count",
    severity: "critical",
    views: ["estate", "mine"],
    title: "Hardware-bound keys required, not held",
    description:
      "Agents whose keys must be attested as hardware-bound (flagged, or in an environment the hardwareKeysRequiredEnvironments setting names) but that hold only software keys: the token endpoint refuses them until they register an attested key or switch to attest_jwt_client_auth.",
    rows: { source: "identity", where: async (scope) => softwareOnly(scope, await mustBeHardware(scope)) },
  },
  {
    id: "software-key-agents",
    group: "identities",
    kind: "count",
    severity: "info",
    views: ["estate", "mine"],
    title: "Agents with software-only keys",
    description: "Agents that authenticate with registered keys none of which a trusted attester showed to be hardware-bound: a copy of the key file is enough to act as the agent.",
    rows: { source: "identity", where: (scope) => softwareOnly(scope) },
  },
];
