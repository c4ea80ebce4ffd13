// Negative protocol tests of the token service, part 2 of 3: DPoP proofs
// (RFC 9449) at the token endpoint, and resource indicators and tool scopes of
// client_credentials. The case count is at the top of
// oauth-negative-client-auth.test.ts.
import crypto from "node:crypto";
import { exportJWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { publicUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { dpopProof, oauthFixture, testKey, tokenEndpoint, type OAuthFixture } from "./helpers/oauth";
import { agentParams, dpopHeader, expectIssued, expectRefusal, keyedIdentity, proofWith, sendToken, type Params, type Refusal } from "./helpers/oauth-negative";

const now = () => Math.floor(Date.now() / 1000);
type Send = () => Promise<Awaited<ReturnType<typeof sendToken>>>;

let f: OAuthFixture;
beforeAll(async () => {
  f = await oauthFixture();
});

/** The agent's request (fresh, valid client assertion) with this DPoP header value. */
const withProof = async (proof: string | Promise<string>, changes: Params = {}) => sendToken(await agentParams(f, changes), { dpop: await proof });

describe("token endpoint: DPoP proofs", () => {
  const invalidProof = (description: string): Refusal => ({ status: 400, error: "invalid_dpop_proof", description });
  const cases: [string, Send, Refusal][] = [
    ["no proof from an agent that requires DPoP", async () => sendToken(await agentParams(f)), invalidProof("This agent must present a DPoP proof")],
    ["typ jwt instead of dpop+jwt", () => withProof(proofWith(f.dpopKey, { header: { typ: "jwt" } })), invalidProof('The DPoP proof must have typ "dpop+jwt"')],
    [
      "a symmetric alg (HS256)",
      () => {
        const claims = { htm: "POST", htu: tokenEndpoint(), iat: now(), jti: crypto.randomUUID() };
        return withProof(new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "dpop+jwt", jwk: f.dpopKey.publicJwk }).sign(crypto.randomBytes(32)));
      },
      invalidProof("alg HS256 is not accepted"),
    ],
    ["a jwk with private key material (d)", async () => withProof(proofWith(f.dpopKey, { header: { jwk: await exportJWK(f.dpopKey.privateKey) } })), invalidProof("contains private key material")],
    ["a signature by another key than the embedded jwk", async () => withProof(proofWith(await testKey(), { header: { jwk: f.dpopKey.publicJwk } })), invalidProof("signature does not verify with its jwk")],
    ["htm GET", () => withProof(proofWith(f.dpopKey, { claims: { htm: "GET" } })), invalidProof("htm must be POST")],
    ["htu of another path", () => withProof(proofWith(f.dpopKey, { claims: { htu: `${publicUrl()}/oauth/introspect` } })), invalidProof(`htu must be ${tokenEndpoint()}`)],
    ["a stale iat (120 s ago)", () => withProof(proofWith(f.dpopKey, { claims: { iat: now() - 120 } })), invalidProof("older than 60 s")],
    ["an iat 120 s in the future", () => withProof(proofWith(f.dpopKey, { claims: { iat: now() + 120 } })), invalidProof("iat is in the future")],
    ["no nonce", () => withProof(dpopProof(f.dpopKey)), { status: 400, error: "use_dpop_nonce", description: "Warden requires a DPoP nonce" }],
    ["an invalid nonce", () => withProof(dpopProof(f.dpopKey, { nonce: "0.not-a-nonce-warden-issued" })), { status: 400, error: "use_dpop_nonce", description: "The DPoP nonce is not valid any more" }],
    ["two DPoP headers (comma-joined)", async () => withProof(`${await proofWith(f.dpopKey)}, ${await proofWith(f.dpopKey)}`), invalidProof("Send exactly one DPoP header")],
  ];
  it.each(cases)("refuses %s", async (_name, send, expected) => {
    await expectRefusal(await send(), expected);
  });

  it("refuses a replayed proof jti (same proof, fresh client assertions)", async () => {
    const proof = await proofWith(f.dpopKey);
    expectIssued(await withProof(proof));
    await expectRefusal(await withProof(proof), invalidProof("The DPoP proof was already used"));
  });

  // Not a refusal: dpop.ts compares htu without query and fragment, as RFC 9449
  // §4.3 (check 9) asks, so a proof whose htu carries a query is accepted.
  it("accepts an htu with a query string (compared without query and fragment)", async () => {
    const token = expectIssued(await withProof(proofWith(f.dpopKey, { claims: { htu: `${tokenEndpoint()}?via=fuzz#frag` } }), { scope: f.scope("read_ledger") }));
    expect(token.split(".")).toHaveLength(3);
  });
});

describe("token endpoint: resource and scope of client_credentials", () => {
  let other: OAuthFixture;
  beforeAll(async () => {
    other = await oauthFixture();
  });
  const target = (description: string | RegExp): Refusal => ({ status: 400, error: "invalid_target", description });
  const scope = (description: string | RegExp): Refusal => ({ status: 400, error: "invalid_scope", description });
  const withParams = async (changes: Params) => withProof(proofWith(f.dpopKey), changes);
  // expected refusals are thunks here: they name the fixtures' scopes, made in beforeAll
  const cases: [string, Send, () => Refusal][] = [
    ["no resource", () => withParams({ resource: undefined }), () => target("resource is required")],
    ["an unknown resource", () => withParams({ resource: "https://nowhere.example.test/mcp" }), () => target("No registered server has the resource URI https://nowhere.example.test/mcp")],
    ["two resources", () => withParams({ resource: [f.server.resourceUri!, other.server.resourceUri!] }), () => target("Send exactly one resource")],
    ["a resource with a fragment", () => withParams({ resource: `${f.server.resourceUri!}#tools` }), () => target("must not contain a fragment")],
    [
      "the resource URI of a suspended server",
      async () => {
        const { identity } = await keyedIdentity(f, "server", "suspended");
        return withParams({ resource: identity.resourceUri! });
      },
      () => target(/^The server at https:\/\/\S+ is suspended$/),
    ],
    ["an approved but ungranted tool scope", () => withParams({ scope: `${f.scope("read_ledger")} ${f.scope("wire_money")}` }), () => scope(`${f.scope("wire_money")} is not granted to this agent`)],
    ["the scope of an unapproved tool", () => withParams({ scope: f.scope("unapproved_tool") }), () => scope("unapproved_tool is unclassified (denied until approved)")],
    ["a tool scope of another server", () => withParams({ scope: other.scope("read_ledger") }), () => scope(`${other.scope("read_ledger")} is not a tool scope of this server`)],
    [
      "the scope of an expired grant",
      async () => {
        const grant = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: other.agent.id, serverId: other.server.id, toolIds: [other.tool("wire_money").id], justification: "a grant that expires", expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });
        await db().grant.update({ where: { id: grant.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
        const nonced = await dpopHeader(other.dpopKey);
        return sendToken(await agentParams(other, { scope: other.scope("wire_money") }), nonced);
      },
      () => scope(`${other.scope("wire_money")}: the grant expired`),
    ],
    [
      "no scope on a server where the agent holds no grants",
      async () => {
        const { identity } = await keyedIdentity(f, "server");
        return withParams({ resource: identity.resourceUri!, scope: undefined });
      },
      () => scope("The agent holds no granted tool scopes on this server"),
    ],
  ];
  it.each(cases)("refuses %s", async (_name, send, expected) => {
    await expectRefusal(await send(), expected());
  });
});
