// Whose keys must be attested as hardware-bound: an agent flagged so, or any
// agent in an environment the hardwareKeysRequiredEnvironments setting names.
// The token endpoint asks per request, so the setting is cached per policy
// revision (settings changes bump it: lib/policy/revision.ts).
import { cachedLookup } from "@/lib/policy/policy-cache";
import { readSettings } from "@/lib/settings/get-settings";

type Subject = { kind: string; hardwareKeysRequired: boolean; environment: string };

/** Pure: whether the identity's keys must be hardware-bound under these environments. */
export function hardwareRequiredFor(identity: Subject, environments: readonly string[]): boolean {
  return identity.kind === "agent" && (identity.hardwareKeysRequired || environments.includes(identity.environment));
}

export async function hardwareEnvironments(): Promise<string[]> {
  return (await cachedLookup("settings", "hardwareKeysRequiredEnvironments", async () => (await readSettings()).hardwareKeysRequiredEnvironments)) ?? [];
}

export async function hardwareKeysRequired(identity: Subject): Promise<boolean> {
  if (identity.kind !== "agent") return false;
  return identity.hardwareKeysRequired || hardwareRequiredFor(identity, await hardwareEnvironments());
}
