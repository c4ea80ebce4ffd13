// Rotating the key-encryption key (docs/deployment.md, "Rotating the KEK"):
// secrets sealed under the old key keep opening while WARDEN_KEK_PREVIOUS names
// it, `kek reseal` moves every stored secret — signing keys, notification
// webhook secrets, audit-sink secrets — under the new key in one audited step,
// and afterwards the old key opens nothing and is not needed. A secret sealed
// under some third key is reported and left alone.
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createAuditSink } from "@/lib/audit/sinks/create-audit-sink";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { openWebhookSecret } from "@/lib/notifications/webhook-secret";
import { generateSigningKey } from "@/lib/signing-keys/generate-key";
import { encryptSecret, resetKeyEncryptionKey } from "@/lib/signing-keys/kek";
import { keyStore } from "@/lib/signing-keys/key-store";
import { resealSecrets } from "@/lib/signing-keys/reseal-secrets";
import { ensureSigningKeys } from "@/lib/signing-keys/rotate-signing-key";
import { seedUser } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const newKek = () => crypto.randomBytes(32);
const saved = { WARDEN_KEK: process.env.WARDEN_KEK, WARDEN_KEK_PREVIOUS: process.env.WARDEN_KEK_PREVIOUS };

function useKeks(current: Buffer, previous: Buffer | null) {
  process.env.WARDEN_KEK = current.toString("base64url");
  if (previous) process.env.WARDEN_KEK_PREVIOUS = previous.toString("base64url");
  else delete process.env.WARDEN_KEK_PREVIOUS;
  resetEnvCache();
  resetKeyEncryptionKey();
}

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
  resetKeyEncryptionKey();
});

describe("KEK rotation", () => {
  it("opens old secrets during the rotation, re-seals them all, then needs the old key no more", async () => {
    await withFreshDatabase((_client, target) =>
      withGlobalDatabase(target, async () => {
        const [oldKek, kek, stranger] = [newKek(), newKek(), newKek()];
        useKeks(oldKek, null);
        await ensureSigningKeys();
        const admin = await seedUser({ role: "admin" });
        const webhook = await createWebhook({ actor: admin.actor, input: { url: "https://hooks.example.test/warden", events: ["campaign.closed"], enabled: false } });
        const sink = await createAuditSink({ actor: admin.actor, input: { name: "SIEM", kind: "webhook", target: "https://siem.example.test/warden", enabled: false } });
        const signer = (await keyStore({ refresh: true })).signer!.kid;
        // a key row sealed under a KEK this installation never had
        const foreign = await generateSigningKey("ES256");
        await db().signingKey.create({ data: { kid: foreign.kid, alg: "ES256", publicJwk: foreign.publicJwk as object, encryptedPrivateKey: encryptSecret(JSON.stringify(foreign.privateJwk), foreign.kid, stranger), status: "retired" } });

        // step 1: every instance runs with the new key and the previous one
        useKeks(kek, oldKek);
        expect((await keyStore({ refresh: true })).signer?.kid).toBe(signer);
        expect(openWebhookSecret((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.endpoint.id } })).secretSealed, webhook.endpoint.id)).toBe(webhook.secret);

        // step 2: re-seal
        const report = await resealSecrets({ actor: admin.actor });
        expect(report).toEqual({
          signingKeys: { resealed: 2, current: 0, unreadable: [foreign.kid] },
          webhooks: { resealed: 1, current: 0, unreadable: [] },
          sinks: { resealed: 1, current: 0, unreadable: [] },
        });
        const event = await db().auditEvent.findFirstOrThrow({ where: { action: "signing_key.resealed" }, orderBy: { seq: "desc" } });
        expect(event.details).toMatchObject({ signingKeys: { resealed: 2 }, webhooks: { resealed: 1 }, sinks: { resealed: 1 } });
        expect((await db().signingKey.findUniqueOrThrow({ where: { kid: foreign.kid } })).encryptedPrivateKey).toContain("v1.");
        // a second run finds everything under the new key
        expect((await resealSecrets({ actor: admin.actor })).signingKeys).toEqual({ resealed: 0, current: 2, unreadable: [foreign.kid] });

        // step 3: the previous key is removed; everything still opens
        useKeks(kek, null);
        expect((await keyStore({ refresh: true })).signer?.kid).toBe(signer);
        expect(openWebhookSecret((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.endpoint.id } })).secretSealed, webhook.endpoint.id)).toBe(webhook.secret);
        const sealedSink = (await db().auditSink.findUniqueOrThrow({ where: { id: sink.sink.id } })).secretEnc!;
        expect(openWebhookSecret(sealedSink, sink.sink.id)).toBe(sink.secret);

        // and the old key alone opens nothing any more
        useKeks(oldKek, null);
        expect((await keyStore({ refresh: true })).signer).toBeNull();
        expect(() => openWebhookSecret(sealedSink, sink.sink.id)).toThrow();
      }),
    );
    await keyStore({ refresh: true });
  });

  it("is for admins only", async () => {
    const owner = await seedUser();
    await expect(resealSecrets({ actor: owner.actor })).rejects.toMatchObject({ code: "forbidden" });
    await expect(resealSecrets({ actor: SYSTEM_ACTOR }).then(() => "ran")).resolves.toBe("ran");
  });
});
