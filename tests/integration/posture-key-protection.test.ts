// The posture dashboard's key-protection cards on a database of their own:
// agents whose registered keys are all software keys, and agents that must
// hold hardware-bound keys (their flag, or their environment in the
// hardwareKeysRequiredEnvironments setting) but do not — each card counted
// and drilled down to exactly those agents; agents registered for
// attest_jwt_client_auth (attested on every request) in neither.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { getPosture } from "@/lib/posture/get-posture";
import { listCardItems } from "@/lib/posture/list-card-items";
import { seedIdentity, seedUser } from "@/lib/seed/factories";
import { updateSettings } from "@/lib/settings/update-settings";
import { attestationJwt, testAttester } from "./helpers/attestation";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { testKey } from "./helpers/oauth";

const CARDS = ["software-key-agents", "hardware-keys-unmet"] as const;

describe("posture: key protection", () => {
  it("counts software-only agents and unmet hardware requirements, and lists exactly them", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        const admin = await seedUser({ role: "admin" });
        const owner = await seedUser({ role: "owner" });
        const attester = await testAttester();
        const agent = async (name: string, extra: Record<string, unknown>, key: "software" | "hardware" | "none", environment: "staging" | "development" = "staging") => {
          const identity = await seedIdentity({ kind: "agent", owner, name, environment, extra });
          if (key === "none") return identity;
          const instance = await testKey();
          const attestation = key === "hardware" ? await attestationJwt(attester, identity.clientId!, instance) : undefined;
          await addKeys({ actor: SYSTEM_ACTOR, identityId: identity.id, input: { jwk: instance.publicJwk, ...(attestation ? { attestation } : {}) } });
          return identity;
        };
        const plain = await agent("plain software agent", {}, "software");
        const required = await agent("required but software", { hardwareKeysRequired: true }, "software");
        await agent("required and hardware", { hardwareKeysRequired: true }, "hardware");
        await agent("attested per request", { authMethod: "attest_jwt_client_auth", hardwareKeysRequired: true }, "none");
        await agent("no keys at all", { hardwareKeysRequired: true }, "none");
        const development = await agent("development software agent", {}, "software", "development");

        const counts = async () => {
          const posture = await getPosture({ actor: admin.actor, query: { view: "estate" } });
          const cards = posture.groups.flatMap((group) => group.cards);
          return Object.fromEntries(CARDS.map((id) => [id, cards.find((card) => card.id === id)?.value]));
        };
        const listed = async (card: (typeof CARDS)[number]) => (await listCardItems({ actor: admin.actor, query: { card, view: "estate" } })).items.map((item) => item.title).sort();

        expect(await counts()).toEqual({ "software-key-agents": 3, "hardware-keys-unmet": 1 });
        expect(await listed("software-key-agents")).toEqual([plain.name, development.name, required.name].sort());
        expect(await listed("hardware-keys-unmet")).toEqual([required.name]);

        // the environment setting makes the development agent's software key a gap too
        await updateSettings({ actor: SYSTEM_ACTOR, input: { hardwareKeysRequiredEnvironments: ["development"] } });
        expect(await counts()).toEqual({ "software-key-agents": 3, "hardware-keys-unmet": 2 });
        expect(await listed("hardware-keys-unmet")).toEqual([development.name, required.name].sort());
      });
    });
  }, 120_000);
});
