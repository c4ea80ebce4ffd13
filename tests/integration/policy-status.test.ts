// Enforcement points report what they enforce (POST /policy/v1/status, after
// OPA's status API), and the console's fleet view shows each one's revision,
// lag, last report and errors, flagging the stale. Bad reports get precise
// 4xx answers and store nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { PolicyBundleClient, SDK_VERSION } from "@/lib/gateway/bundle-client";
import { ISSUER } from "@/lib/oauth/config";
import { POLICY_STATUS_PATH, policyStatusEndpoint } from "@/lib/policy/bundle/paths";
import { listFleet } from "@/lib/policy/status/list-fleet";
import { recordEnforcementStatus } from "@/lib/policy/status/record-status";
import { seedIdentity } from "@/lib/seed/factories";
import { clientAssertion, keyedGateway, oauthFixture, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { startFastRoutesServer } from "./helpers/fast-routes-server";

let server: Awaited<ReturnType<typeof startFastRoutesServer>>;
let origin: string;
let f: OAuthFixture;
let gateway: { id: string; key: TestKey };

beforeAll(async () => {
  server = await startFastRoutesServer();
  origin = server.origin;
  f = await oauthFixture();
  gateway = await keyedGateway(f);
});

afterAll(async () => {
  await server.close();
});

const bearer = async (id = gateway.id, key = gateway.key) => `Bearer ${await clientAssertion(id, key, { claims: { aud: policyStatusEndpoint() } })}`;
const report = (body: unknown) => ({ revision: 3, lastSuccessfulFetch: new Date().toISOString(), errors: [], version: "test-gateway/1.0", ...(body as object) });
async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}${POLICY_STATUS_PATH}`, { method: "POST", headers: { "content-type": "application/json", authorization: await bearer(), ...headers }, body });
  return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as { error: string; error_description: string }) };
}
const member = async (id: string, now?: Date) => (await listFleet({ actor: SYSTEM_ACTOR, now })).items.find((item) => item.id === id);

describe("POST /policy/v1/status", () => {
  it("stores a gateway's report; the fleet shows its revision, lag and errors", async () => {
    const { revision } = await db().policyState.findUniqueOrThrow({ where: { id: 1 } });
    const reported = Number(revision) - 2;
    const reply = await post(JSON.stringify(report({ revision: reported, errors: [{ at: new Date().toISOString(), message: "bundle fetch timed out", reason: "network" }] })));
    expect(reply.status).toBe(204);
    const fleet = await listFleet({ actor: SYSTEM_ACTOR });
    const row = fleet.items.find((item) => item.id === gateway.id)!;
    expect(row).toMatchObject({ kind: "gateway", revision: reported, stale: false, version: "test-gateway/1.0", errors: [{ message: "bundle fetch timed out", reason: "network" }] });
    // the current revision is read at listing time; other test files may have moved it
    expect(row.lag).toBe(fleet.currentRevision - reported);
    expect(row.lag).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ["not JSON", "{", 400, "not valid JSON"],
    ["an unknown field", JSON.stringify(report({ extra: 1 })), 400, "Unrecognized key"],
    ["a negative revision", JSON.stringify(report({ revision: -1 })), 400, "revision"],
    ["a bad date", JSON.stringify(report({ lastSuccessfulFetch: "yesterday" })), 400, "lastSuccessfulFetch"],
    ["too many errors", JSON.stringify(report({ errors: Array.from({ length: 21 }, () => ({ at: new Date().toISOString(), message: "x" })) })), 400, "errors"],
    ["no version", JSON.stringify(report({ version: "" })), 400, "version"],
    ["a body over 64 KiB", JSON.stringify(report({ version: "x".repeat(70_000) })), 413, "at most"],
  ])("refuses %s and stores nothing", async (_name, body, status, description) => {
    const before = await db().enforcementStatus.findUnique({ where: { identityId: gateway.id } });
    const reply = await post(body);
    expect(reply.status).toBe(status);
    expect(reply.body!.error_description).toContain(description);
    expect(await db().enforcementStatus.findUnique({ where: { identityId: gateway.id } })).toEqual(before);
  });

  it("refuses another content type (415), a missing credential (401) and an agent (403)", async () => {
    expect((await post(JSON.stringify(report({})), { "content-type": "text/plain" })).status).toBe(415);
    expect((await post(JSON.stringify(report({})), { authorization: "" })).status).toBe(401);
    expect((await post(JSON.stringify(report({})), { authorization: await bearer(f.agent.clientId, f.agentKey) })).status).toBe(403);
    // and the domain function stores nothing for a non-enforcement point, whoever calls it
    expect(await recordEnforcementStatus(f.agent.id, report({}))).toBe(false);
    expect(await db().enforcementStatus.findUnique({ where: { identityId: f.agent.id } })).toBeNull();
  });
});

describe("the fleet view", () => {
  it("flags a gateway that never reported, and one silent for longer than the stale window", async () => {
    const quiet = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { frontsAllServers: true } });
    expect(await member(quiet.id)).toMatchObject({ revision: null, lag: null, reportedAt: null, stale: true });
    await post(JSON.stringify(report({})));
    const { staleAfterSeconds } = await listFleet({ actor: SYSTEM_ACTOR });
    expect((await member(gateway.id))!.stale).toBe(false);
    expect((await member(gateway.id, new Date(Date.now() + (staleAfterSeconds + 1) * 1000)))!.stale).toBe(true);
  });

  it("shows what the SDK reports", async () => {
    const g = await oauthFixture();
    const { id, key } = await keyedGateway(g);
    const identity = { id };
    const sdk = new PolicyBundleClient({
      issuer: ISSUER(),
      identityId: identity.id,
      key: { privateKey: key.privateKey, kid: key.kid, alg: key.alg },
      fetch: async (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(ISSUER(), origin), init),
    });
    expect(await sdk.refresh()).toBe(true);
    expect(await sdk.reportStatus()).toBe(true);
    expect(await member(identity.id)).toMatchObject({ revision: sdk.current()!.revision, version: SDK_VERSION, stale: false, errors: [] });
  });
});
