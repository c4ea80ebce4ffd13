// Warden's lean HTTP path: machine-facing endpoints answered straight from
// node:http, before Next.js. A Next.js route handler costs several times what
// these endpoints do themselves (../shared environment notes measured 0.07× of
// bare node:http for a fixed body), and agents, servers and gateways call them
// far more often than people load pages.
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/log";
import { errorResponse, OAuthError, type OAuthResponse } from "@/lib/oauth/errors";
import { handleIntrospection } from "@/lib/oauth/introspection-endpoint";
import { authorizationServerMetadata } from "@/lib/oauth/metadata";
import { fromNodeRequest, type OAuthRequest } from "@/lib/oauth/request";
import { handleRevocation } from "@/lib/oauth/revocation-endpoint";
import { handleTokenRequest } from "@/lib/oauth/token-endpoint";
import { serveBundle, serveBundleFromMemory } from "@/lib/policy/bundle/bundle-endpoint";
import { POLICY_BUNDLE_PATH, POLICY_EVENTS_PATH, POLICY_STATUS_PATH } from "@/lib/policy/bundle/paths";
import { serveEventBatch } from "@/lib/policy/events/events-endpoint";
import { serveStatusReport } from "@/lib/policy/status/status-endpoint";
import type { FastRoute } from "@/lib/server/http-server";
import { metricsRoute } from "@/lib/server/metrics-route";
import { matchesIfNoneMatch } from "@/lib/server/public-documents/if-none-match";
import { cachedKeyStore, keyStore } from "@/lib/signing-keys/key-store";

function send(res: ServerResponse, response: OAuthResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

/** A route for one path: other paths are declined synchronously, so dispatch awaits only the route that answers. */
function at(path: string, handle: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>): FastRoute {
  return (req, res) => (pathOf(req) === path ? handle(req, res) : false);
}

function oauthRoute(path: string, handler: (request: OAuthRequest) => Promise<OAuthResponse>): FastRoute {
  return at(path, async (req, res) => {
    if (req.method !== "POST") {
      send(res, { ...errorResponse(new OAuthError("invalid_request", "Use POST")), status: 405 });
      return true;
    }
    try {
      send(res, await handler(await fromNodeRequest(req)));
    } catch (error) {
      if (!(error instanceof OAuthError)) logger().error({ err: error, path }, "OAuth endpoint failed");
      send(res, errorResponse(error instanceof OAuthError ? error : new OAuthError("server_error", "An unexpected error occurred")));
    }
    return true;
  });
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const end = url.indexOf("?");
  return end === -1 ? url : url.slice(0, end);
}

type JwkSet = { bytes: Buffer; etag: string };

function answerJwks(req: IncomingMessage, res: ServerResponse, set: JwkSet): true {
  const headers = { "content-type": "application/jwk-set+json", "cache-control": "public, max-age=60", etag: set.etag };
  if (matchesIfNoneMatch(req.headers["if-none-match"], set.etag)) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : set.bytes);
  return true;
}

// synchronous once the key store is loaded: no promise per request
const jwks: FastRoute = (req, res) => {
  if (pathOf(req) !== "/.well-known/jwks.json" || (req.method !== "GET" && req.method !== "HEAD")) return false;
  const loaded = cachedKeyStore();
  if (loaded) return answerJwks(req, res, loaded.jwks);
  return keyStore().then((store) => answerJwks(req, res, store.jwks));
};

const metadata = at("/.well-known/oauth-authorization-server", async (req, res) => {
  if (req.method !== "GET") return false;
  res.writeHead(200, { "content-type": "application/json", "cache-control": "public, max-age=60" });
  res.end(await authorizationServerMetadata());
  return true;
});

const answering = (serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => async (req: IncomingMessage, res: ServerResponse) => {
  await serve(req, res);
  return true;
};

const fullBundlePath = answering(serveBundle);
// repeated conditional GETs are answered from memory, synchronously (bundle-endpoint.ts)
const policyBundle: FastRoute = (req, res) => (pathOf(req) === POLICY_BUNDLE_PATH ? serveBundleFromMemory(req, res) || fullBundlePath(req, res) : false);
const policyEvents = at(POLICY_EVENTS_PATH, answering(serveEventBatch));
const policyStatus = at(POLICY_STATUS_PATH, answering(serveStatusReport));

// the most frequent calls first: every route before the one that answers checks the path once
export const FAST_ROUTES: FastRoute[] = [policyBundle, jwks, oauthRoute("/oauth/token", handleTokenRequest), oauthRoute("/oauth/introspect", handleIntrospection), oauthRoute("/oauth/revoke", handleRevocation), metadata, policyStatus, policyEvents, metricsRoute];
