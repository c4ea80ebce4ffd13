// A gateway as the e2e specs need one: registered through the management API,
// with an ES256 key, able to fetch its policy bundle and report its status
// the way the SDK does (bearer JWTs signed with its own key).
import { expect, type APIRequestContext } from "@playwright/test";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { adminHeaders } from "./api";

export async function adminUserId(request: APIRequestContext): Promise<string> {
  const admin = await request.get("/api/v1/users?role=admin&limit=1", { headers: adminHeaders() });
  return ((await admin.json()) as { items: { id: string }[] }).items[0]!.id;
}

export async function registerGateway(request: APIRequestContext, input: { name: string; ownerId: string; serverIds?: string[] }): Promise<{ id: string }> {
  const fronts = input.serverIds ? { serverIds: input.serverIds } : { frontsAllServers: true };
  const created = await request.post("/api/v1/gateways", { headers: adminHeaders(), data: { name: input.name, ownerId: input.ownerId, environment: "development", ...fronts } });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()) as { id: string };
}

/** Gives the gateway a key; returns what it does with it: fetch its bundle's revision, report enforcing a revision. */
export async function enforcingGateway(request: APIRequestContext, gatewayId: string) {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const added = await request.post(`/api/v1/identities/${gatewayId}/keys`, { headers: adminHeaders(), data: { jwk: await exportJWK(publicKey) } });
  expect(added.status(), await added.text()).toBe(201);
  const kid = ((await added.json()) as { items: { kid: string }[] }).items[0]!.kid;
  const { issuer } = (await (await request.get("/.well-known/oauth-authorization-server")).json()) as { issuer: string };
  const bearer = async (path: string) =>
    `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: "ES256", kid }).setIssuer(gatewayId).setSubject(gatewayId).setAudience(`${issuer}${path}`).setIssuedAt().setExpirationTime("2m").sign(privateKey)}`;
  return {
    /** the revision of the bundle Warden serves this gateway now */
    async fetchBundleRevision(): Promise<number> {
      const bundle = await request.get("/policy/v1/bundle", { headers: { authorization: await bearer("/policy/v1/bundle") } });
      expect(bundle.status()).toBe(200);
      return Number(bundle.headers()["x-warden-policy-revision"]);
    },
    /** the bundle Warden serves this gateway now: its revision and its (signed, here only decoded) document */
    async fetchBundle(): Promise<{ revision: number; document: { revision: number; grants: { id: string; agentId: string; scopes: string[] }[] } }> {
      const bundle = await request.get("/policy/v1/bundle", { headers: { authorization: await bearer("/policy/v1/bundle") } });
      expect(bundle.status()).toBe(200);
      const jws = await bundle.text();
      return { revision: Number(bundle.headers()["x-warden-policy-revision"]), document: JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8")) };
    },
    /** reports decision events, as the SDK's DecisionEventSink does */
    async reportEvents(events: Record<string, unknown>[]): Promise<void> {
      const sent = await request.post("/policy/v1/events", { headers: { authorization: await bearer("/policy/v1/events"), "content-type": "application/json" }, data: { events } });
      expect(sent.status(), await sent.text()).toBe(200);
    },
    async reportEnforcing(revision: number, version = "e2e-gateway/1.0"): Promise<void> {
      const status = await request.post("/policy/v1/status", {
        headers: { authorization: await bearer("/policy/v1/status"), "content-type": "application/json" },
        data: { revision, lastSuccessfulFetch: new Date().toISOString(), errors: [], version },
      });
      expect(status.status(), await status.text()).toBe(204);
    },
  };
}
