// attest_jwt_client_auth at the token endpoint (draft-ietf-oauth-attestation-
// based-client-auth): a test attester made by the test signs Client
// Attestation JWTs binding an agent instance's key; the agent signs the PoP.
// Every refusal asserts the exact status, error code, a distinctive part of
// the description, no token, and its one audit event (helpers/oauth-negative.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { revokeAttester } from "@/lib/attesters/revoke-attester";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { authorizationServerMetadata } from "@/lib/oauth/metadata";
import { updateSettings } from "@/lib/settings/update-settings";
import { attestationJwt, attestationPop, attestedAgent, sendAttested, testAttester, tokenClaims, type TestAttester } from "./helpers/attestation";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { clientAssertion, oauthFixture, testKey, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { agentParams, dpopHeader, expectIssued, expectRefusal, sendToken, type Refusal } from "./helpers/oauth-negative";

const now = () => Math.floor(Date.now() / 1000);
const badAttestation = (description: string): Refusal => ({ status: 401, error: "invalid_client_attestation", description });
const badClient = (description: string): Refusal => ({ status: 401, error: "invalid_client", description });

let f: OAuthFixture;
let attester: TestAttester;
let agent: Awaited<ReturnType<typeof attestedAgent>>["agent"];
let instance: TestKey;

beforeAll(async () => {
  f = await oauthFixture();
  attester = await testAttester();
  ({ agent, instance } = await attestedAgent(f));
});

/** The agent's request: an attestation (changed as asked) and a PoP by the instance key (changed as asked). */
async function attested(options: { attestation?: Parameters<typeof attestationJwt>[3]; pop?: Parameters<typeof attestationPop>[1]; popKey?: TestKey; by?: Pick<TestAttester, "issuer" | "key"> } = {}) {
  return sendAttested(f, { attestation: await attestationJwt(options.by ?? attester, agent.clientId, instance, options.attestation), pop: await attestationPop(options.popKey ?? instance, options.pop) });
}

describe("attest_jwt_client_auth: a valid attestation", () => {
  it("issues a token that records hardware-bound keys (amr hwk) and the method", async () => {
    const token = expectIssued(await attested());
    expect(tokenClaims(token)).toMatchObject({ sub: agent.id, client_id: agent.clientId, amr: ["hwk"], wdn_auth: "attest_jwt_client_auth" });
  });

  it("records software keys (amr swk) when the attester's hardware claims do not hold", async () => {
    const token = expectIssued(await attested({ attestation: { claims: { key_storage: "software" } } }));
    expect(tokenClaims(token)).toMatchObject({ amr: ["swk"], wdn_auth: "attest_jwt_client_auth" });
  });

  it("is announced in the authorization server metadata", async () => {
    const metadata = JSON.parse(await authorizationServerMetadata()) as Record<string, string[]>;
    expect(metadata.token_endpoint_auth_methods_supported).toContain("attest_jwt_client_auth");
    expect(metadata.client_attestation_signing_alg_values_supported).toContain("ES256");
    expect(metadata.client_attestation_pop_signing_alg_values_supported).toContain("ES256");
  });
});

describe("attest_jwt_client_auth: refusals", () => {
  const cases: [string, () => Promise<Awaited<ReturnType<typeof sendAttested>>>, Refusal][] = [
    ["an expired attestation", () => attested({ attestation: { claims: { iat: now() - 7200, exp: now() - 3600 } } }), { status: 400, error: "use_fresh_attestation", description: "The client attestation has expired" }],
    ["an attestation from an unregistered issuer (wrong attester)", () => attested({ attestation: { claims: { iss: "https://rogue-attester.example.test" } } }), badAttestation("is not a trusted attester")],
    ["a signature by a key not in the attester's JWKS", async () => attested({ attestation: { signWith: await testKey() } }), badAttestation("signature does not verify with any key of attester")],
    ["a PoP signed by a key other than cnf.jwk (key mismatch)", async () => attested({ popKey: await testKey() }), badAttestation("PoP is not signed by the attested instance key (cnf.jwk)")],
    ["an attestation without cnf", () => attested({ attestation: { omit: ["cnf"] } }), badAttestation("needs cnf.jwk")],
    ["an attestation without sub", () => attested({ attestation: { omit: ["sub"] } }), badAttestation("needs sub (the client id)")],
    ["an attestation without exp", () => attested({ attestation: { omit: ["exp"] } }), badAttestation("The client attestation needs exp")],
    ["an attestation with a private key in cnf.jwk", async () => attested({ attestation: { claims: { cnf: { jwk: { ...instance.publicJwk, d: "c2VjcmV0" } } } } }), badAttestation("must be a public key")],
    ["an attestation with the wrong typ", () => attested({ attestation: { header: { typ: "JWT" } } }), badAttestation("typ header must be oauth-client-attestation+jwt")],
    ["a PoP without iat", () => attested({ pop: { omit: ["iat"] } }), badAttestation("PoP needs iat")],
    ["a PoP without jti", () => attested({ pop: { omit: ["jti"] } }), badAttestation("PoP needs a jti")],
    ["a PoP for another audience", () => attested({ pop: { claims: { aud: "https://elsewhere.example.test" } } }), badAttestation("PoP's aud must be Warden's issuer identifier")],
    ["a PoP made two minutes ago", () => attested({ pop: { claims: { iat: now() - 120 } } }), badAttestation("PoP is too old")],
    ["a PoP with the wrong typ", () => attested({ pop: { header: { typ: "dpop+jwt" } } }), badAttestation("typ header must be oauth-client-attestation-pop+jwt")],
    // with a DPoP proof and no PoP header, the client is trying the draft's DPoP combined mode
    ["the attestation without its PoP header", async () => sendAttested(f, { attestation: await attestationJwt(attester, agent.clientId, instance) }), badAttestation("Warden does not support DPoP combined mode")],
    ["a PoP without its attestation header", async () => sendAttested(f, { pop: await attestationPop(instance) }), badAttestation("OAuth-Client-Attestation is missing")],
    ["an attestation for an unknown client", () => attested({ attestation: { claims: { sub: `cli_${"0".repeat(26)}` } } }), badClient("Unknown client")],
    [
      "client_id other than the attestation's sub",
      async () => sendAttested(f, { attestation: await attestationJwt(attester, agent.clientId, instance), pop: await attestationPop(instance) }, { client_id: f.agent.clientId }),
      badClient("client_id does not match the client attestation's sub"),
    ],
  ];
  it.each(cases)("refuses %s", async (_name, send, expected) => {
    await expectRefusal(await send(), expected);
  });

  it("refuses a replayed PoP (same jti twice): the second request", async () => {
    const pop = await attestationPop(instance);
    const attestation = await attestationJwt(attester, agent.clientId, instance);
    expectIssued(await sendAttested(f, { attestation, pop }));
    const replay = await sendAttested(f, { attestation, pop });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ error: "invalid_client", error_description: expect.stringContaining("The client attestation PoP was already used") });
  });

  it("refuses attestations of an attester whose trust expired, or that was revoked", async () => {
    const expiring = await testAttester({ expiresAt: new Date(Date.now() + 1000).toISOString() });
    expectIssued(await attested({ by: expiring }));
    // the token endpoint's clock has whole seconds
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expectRefusal(await attested({ by: expiring }), badAttestation(`The trust in attester ${expiring.record.name} expired`));
    const revoked = await testAttester();
    await revokeAttester({ actor: SYSTEM_ACTOR, attesterId: revoked.record.id, input: { reason: "attester key compromised" } });
    await expectRefusal(await attested({ by: revoked }), badAttestation(`The attester ${revoked.record.name} is no longer trusted`));
  });
});

describe("registration and hardware policy", () => {
  it("refuses private_key_jwt from an agent registered for attest_jwt_client_auth", async () => {
    const key = await testKey();
    await addKeys({ actor: SYSTEM_ACTOR, identityId: agent.id, input: { jwk: key.publicJwk } });
    const reply = await sendToken({ ...(await agentParams(f)), client_assertion: await clientAssertion(agent.clientId, key) }, await dpopHeader(f.dpopKey));
    await expectRefusal(reply, badClient("registered for attest_jwt_client_auth; it cannot authenticate with private_key_jwt"));
  });

  it("refuses an agent whose keys must be hardware-bound when the attestation shows software keys", async () => {
    const strict = await attestedAgent(f, { hardwareKeysRequired: true });
    const send = async (storage: string) =>
      sendAttested(f, { attestation: await attestationJwt(attester, strict.agent.clientId, strict.instance, { claims: { key_storage: storage } }), pop: await attestationPop(strict.instance) });
    await expectRefusal(await send("software"), badClient("This agent's keys must be attested as hardware-bound"));
    expect(tokenClaims(expectIssued(await send("secure_enclave")))).toMatchObject({ amr: ["hwk"] });
  });

  it("accepts private_key_jwt with a key registered with a hardware attestation when hardware keys are required", async () => {
    const { agent: keyed } = await attestedAgent(f, { hardwareKeysRequired: true, authMethod: "private_key_jwt" });
    const software = await testKey();
    const hardware = await testKey();
    await addKeys({ actor: SYSTEM_ACTOR, identityId: keyed.id, input: { jwk: software.publicJwk } });
    const [added] = (await addKeys({ actor: SYSTEM_ACTOR, identityId: keyed.id, input: { jwk: hardware.publicJwk, attestation: await attestationJwt(attester, keyed.clientId, hardware) } })).items;
    expect(added).toMatchObject({ protection: "hardware", attester: { id: attester.record.id, name: attester.record.name } });
    const withKey = async (key: TestKey) => sendToken({ ...(await agentParams(f)), client_assertion: await clientAssertion(keyed.clientId, key) }, await dpopHeader(f.dpopKey));
    await expectRefusal(await withKey(software), badClient("This agent's keys must be attested as hardware-bound"));
    expect(tokenClaims(expectIssued(await withKey(hardware)))).toMatchObject({ amr: ["hwk"], wdn_auth: "private_key_jwt" });
  });

  it("applies the hardwareKeysRequiredEnvironments setting to every agent of those environments", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        const g = await oauthFixture();
        const local = await testAttester();
        const { agent: staged, instance: key } = await attestedAgent(g);
        const send = async (storage: string) =>
          sendAttested(g, { attestation: await attestationJwt(local, staged.clientId, key, { claims: { key_storage: storage } }), pop: await attestationPop(key) });
        expectIssued(await send("software"));
        await updateSettings({ actor: SYSTEM_ACTOR, input: { hardwareKeysRequiredEnvironments: ["staging"] } });
        await expectRefusal(await send("software"), badClient("This agent's keys must be attested as hardware-bound"));
        expectIssued(await send("tpm"));
      });
    });
  }, 120_000);
});
