// What each kind of soak worker sends, one request per call, and which answers
// count as correct. Anything else — another status, a malformed body, a
// network error, a timeout — is an error of the run.
//  token         client_credentials + private_key_jwt + DPoP (ES256, server
//                nonce), a fresh assertion and proof (new jtis) every time,
//                signed just before the request (off the clock); 200 with a
//                DPoP access token, or 400 use_dpop_nonce when the nonce's
//                five-minute bucket rolled over (the next request uses the new one)
//  poll          a gateway's conditional bundle GET: 304, or 200 with a new ETag
//  longpoll      the same with ?wait=N: held, then 304 at the deadline (or 200 on a change)
//  events        a gateway's batch of decision events: 200, every event stored
//  console-api   the management API GETs the console makes (lists, posture,
//                audit search), with a session cookie or an API token: 200
//  console-page  console pages with a session cookie (Next.js only): 200
import crypto from "node:crypto";
import { bearer } from "@/scripts/bench/policy/common";
import { send, type Reply, type Upstream } from "@/scripts/bench/soak/http";
import type { SoakAgent, SoakFixture, SoakGateway } from "@/scripts/bench/soak/setup";
import { clientAssertion, dpopProof, tokenRequestBody, type Target } from "@/scripts/bench/token/prepare";

export const KINDS = ["token", "poll", "longpoll", "events", "console-api", "console-page"] as const;
export type Kind = (typeof KINDS)[number];

/** `answer` names the correct answer for the tally (e.g. "304"); `error` describes a wrong one; `route` breaks a mixed kind down. */
export type Outcome = { ms: number; route?: string } & ({ ok: true; answer: string } | { ok: false; error: string });
export type Worker = (upstream: Upstream) => Promise<Outcome>;

export type WorkloadOptions = {
  /** WARDEN_URL of the instances: issuer, DPoP htu and the gateways' JWT audiences derive from it */
  publicUrl: string;
  longPollWaitSeconds: number;
  eventsPerBatch: number;
  timeoutMs: number;
};

const CONSOLE_PAGES = ["/dashboard", "/servers", "/agents", "/gateways", "/audit", "/access"];

const snippet = (reply: Reply) => `HTTP ${reply.status} ${reply.body.slice(0, 200).replace(/\s+/g, " ")}`;

async function timed(request: () => Promise<Reply>, judge: (reply: Reply) => string | { error: string }): Promise<Outcome> {
  const started = performance.now();
  try {
    const reply = await request();
    const ms = performance.now() - started;
    const verdict = judge(reply);
    return typeof verdict === "string" ? { ms, ok: true, answer: verdict } : { ms, ok: false, error: verdict.error };
  } catch (error) {
    return { ms: performance.now() - started, ok: false, error: `network: ${(error as Error).message}` };
  }
}

function parseJson(body: string): Record<string, unknown> | null {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The workers of one phase; state shared between workers (the DPoP nonce) lives here. */
export function createWorkload(fixture: SoakFixture, options: WorkloadOptions) {
  const tokenEndpoint = `${options.publicUrl}/oauth/token`;
  const bundleUrl = `${options.publicUrl}/policy/v1/bundle`;
  const eventsUrl = `${options.publicUrl}/policy/v1/events`;
  const timeout = options.timeoutMs;
  let nonce: string | undefined;

  const targetOf = (agent: SoakAgent): Target => ({
    name: "Warden",
    port: 0,
    issuer: options.publicUrl,
    tokenEndpoint,
    clientId: agent.clientId,
    resource: agent.server.resourceUri,
    scope: agent.server.tools.map((tool) => tool.scope).join(" "),
  });

  function token(index: number, concurrency: number): Worker {
    let turn = index;
    return async (upstream) => {
      const agent = fixture.agents[turn % fixture.agents.length]!;
      turn += concurrency;
      const target = targetOf(agent);
      const now = Math.floor(Date.now() / 1000);
      const [assertion, proof] = await Promise.all([clientAssertion(agent.key, target, now), dpopProof(agent.key, target, now, nonce)]);
      const body = tokenRequestBody(target, assertion);
      const headers = { "content-type": "application/x-www-form-urlencoded", accept: "application/json", dpop: proof };
      return timed(
        () => send(upstream, "/oauth/token", { method: "POST", headers, body, timeoutMs: timeout }),
        (reply) => {
          const fresh = reply.headers["dpop-nonce"];
          const answer = parseJson(reply.body);
          if (reply.status === 400 && answer?.error === "use_dpop_nonce" && typeof fresh === "string") {
            nonce = fresh;
            return "400 use_dpop_nonce";
          }
          if (typeof fresh === "string") nonce = fresh;
          if (reply.status !== 200 || typeof answer?.access_token !== "string" || String(answer.token_type).toLowerCase() !== "dpop") return { error: snippet(reply) };
          return "200";
        },
      );
    };
  }

  function poll(gateway: SoakGateway, wait: number | null): Worker {
    let etag: string | undefined;
    return async (upstream) => {
      const authorization = await bearer(gateway, bundleUrl);
      const first = etag === undefined;
      const path = first || wait === null ? "/policy/v1/bundle" : `/policy/v1/bundle?wait=${wait}`;
      const headers: Record<string, string> = { authorization, ...(first ? {} : { "if-none-match": etag! }) };
      return timed(
        () => send(upstream, path, { headers, timeoutMs: timeout + (wait ?? 0) * 1000 }),
        (reply) => {
          if (reply.status === 304 && !first) return "304";
          if (reply.status === 200 && typeof reply.headers.etag === "string" && reply.body.split(".").length === 3) {
            etag = reply.headers.etag;
            return first ? "200 (first fetch)" : "200 (new bundle)";
          }
          return { error: snippet(reply) };
        },
      );
    };
  }

  function events(gateway: SoakGateway): Worker {
    return async (upstream) => {
      const batch = Array.from({ length: options.eventsPerBatch }, (_, index) => {
        const server = gateway.servers[index % gateway.servers.length]!;
        const agents = gateway.agentsOf.get(server.id)!;
        const agent = agents[crypto.randomInt(agents.length)]!;
        const tool = server.tools[crypto.randomInt(server.tools.length)]!;
        const denied = crypto.randomInt(10) === 0;
        return {
          id: `soak-${crypto.randomUUID()}`,
          type: "decision" as const,
          at: new Date().toISOString(),
          serverId: server.id,
          agentId: agent.id,
          clientId: agent.clientId,
          method: "tools/call",
          tool: tool.name,
          scope: tool.scope,
          tokenJti: null,
          act: [],
          policyRevision: null,
          decision: denied ? ("deny" as const) : ("allow" as const),
          status: denied ? 403 : null,
          error: denied ? "insufficient_scope" : null,
          reason: denied ? "soak: a denied call" : null,
          latencyMs: 1,
        };
      });
      const body = JSON.stringify({ events: batch });
      const headers = { authorization: await bearer(gateway, eventsUrl), "content-type": "application/json" };
      return timed(
        () => send(upstream, "/policy/v1/events", { method: "POST", headers, body, timeoutMs: timeout }),
        (reply) => {
          const answer = parseJson(reply.body);
          if (reply.status === 200 && answer?.stored === batch.length && answer.duplicates === 0) return "200";
          return { error: snippet(reply) };
        },
      );
    };
  }

  function consoleApi(index: number): Worker {
    const user = fixture.users[index % fixture.users.length]!;
    // half the console workers are browsers (session cookie), half scripts (API token)
    const auth: Record<string, string> = index % 2 === 0 ? { cookie: user.cookie } : { authorization: `Bearer ${user.apiToken}` };
    let turn = index;
    const paths = () => {
      const agent = fixture.agents[turn % fixture.agents.length]!;
      return [
        "/api/v1/servers?limit=25",
        "/api/v1/agents?limit=25",
        "/api/v1/gateways?limit=25",
        "/api/v1/grants?limit=25",
        "/api/v1/posture",
        "/api/v1/audit/events?limit=50",
        "/api/v1/audit/events?class=mcp&limit=50",
        `/api/v1/audit/events?agent=${agent.id}&limit=50`,
        "/api/v1/gateways/fleet",
        "/api/v1/me",
      ];
    };
    return async (upstream) => {
      const list = paths();
      const path = list[turn % list.length]!;
      turn += 1;
      const outcome = await timed(
        () => send(upstream, path, { headers: { ...auth, accept: "application/json" }, timeoutMs: timeout }),
        (reply) => (reply.status === 200 && reply.body.startsWith("{") ? "200" : { error: `GET ${path}: ${snippet(reply)}` }),
      );
      return { ...outcome, route: path.replace(/=(agt|idn|srv)_[A-Za-z0-9]+/, "=<id>") };
    };
  }

  function consolePage(index: number): Worker {
    const user = fixture.users[index % fixture.users.length]!;
    let turn = index;
    return async (upstream) => {
      const path = CONSOLE_PAGES[turn % CONSOLE_PAGES.length]!;
      turn += 1;
      const outcome = await timed(
        () => send(upstream, path, { headers: { cookie: user.cookie, accept: "text/html" }, timeoutMs: timeout }),
        (reply) => (reply.status === 200 && reply.body.includes("<html") ? "200" : { error: `GET ${path}: ${snippet(reply)}` }),
      );
      return { ...outcome, route: path };
    };
  }

  /** Worker `index` (of `concurrency`) of `kind`. */
  return (kind: Kind, index: number, concurrency: number): Worker => {
    const gateway = fixture.gateways[index % fixture.gateways.length]!;
    switch (kind) {
      case "token":
        return token(index, concurrency);
      case "poll":
        return poll(gateway, null);
      case "longpoll":
        return poll(gateway, options.longPollWaitSeconds);
      case "events":
        return events(gateway);
      case "console-api":
        return consoleApi(index);
      case "console-page":
        return consolePage(index);
    }
  };
}
