// GET /policy/v1/bundle[?wait=<seconds>]: the signed policy bundle of the
// calling gateway's (or MCP server's) view, on Warden's lean HTTP path.
// - 200 with the compact JWS (application/jose), a weak ETag and the revision;
// - If-None-Match with the current ETag: 304 at once, or with ?wait=N (at
//   most 60, as OPA's long-polling bundles do) the request is held and answered
//   200 as soon as a revision changes this view's bundle, else 304 after N s;
// - 401 with a Bearer challenge for a missing or bad credential, 403 for
//   identities that are not enforcement points, 400 for a bad wait, 503 with
//   Retry-After when this instance already holds MAX_HELD polls.
// Held polls cost no database work: they wait on the per-instance revision
// poll (lib/policy/policy-cache.ts). An instance that is shutting down
// (lib/server/draining.ts) answers its held polls 304 at once and holds no new
// ones, so gateways poll again, possibly at another instance.
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/log";
import { authenticatePointOrRefuse, sendPolicyError } from "@/lib/policy/bundle/endpoint-responses";
import { POLICY_BUNDLE_PATH } from "@/lib/policy/bundle/paths";
import { viewOf, type BundleView } from "@/lib/policy/bundle/compile";
import { signedBundle, type SignedBundle } from "@/lib/policy/bundle/signed-bundle";
import { cachedLookup, onPolicyRevision, policyGeneration, policyRevision } from "@/lib/policy/policy-cache";
import { isDraining, onDrain } from "@/lib/server/draining";
import { matchesIfNoneMatch } from "@/lib/server/public-documents/if-none-match";

export const MAX_WAIT_SECONDS = 60;
export const MAX_HELD = 10_000;
const slot = Symbol.for("warden.heldBundlePolls");
const heldCount = () => (globalThis as { [slot]?: number })[slot] ?? 0;
const adjustHeld = (delta: number) => ((globalThis as { [slot]?: number })[slot] = heldCount() + delta);

/** How many long polls this instance holds now. */
export const heldPolls = heldCount;

const CACHING = { "cache-control": "private, no-cache", vary: "Authorization" } as const;

// The hot path: a gateway repeats the same conditional GET with the same bearer
// JWT many times a minute. Once that credential has passed every check below
// (signature, identity active, key usable, view), the answer stays the same
// until this instance's cached policy lookups are dropped (any change here, or
// a new revision seen: policyGeneration) or the credential or its key expires.
// Until then a repeat is answered 304 from this map, synchronously, without
// parsing the URL or awaiting anything.
type Hot = { generation: number; validUntilMs: number; etag: string; headers: Record<string, string> };
const MAX_HOT = 10_000;
const hotSlot = Symbol.for("warden.hotBundlePolls");
function hotAnswers(): Map<string, Hot> {
  const holder = globalThis as { [hotSlot]?: Map<string, Hot> };
  return (holder[hotSlot] ??= new Map());
}

/** Answers a repeated conditional GET (no wait) 304 from memory; false when the full path must decide. */
export function serveBundleFromMemory(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" || req.url !== POLICY_BUNDLE_PATH) return false;
  const authorization = req.headers.authorization;
  const entry = authorization ? hotAnswers().get(authorization) : undefined;
  if (!entry || req.headers["if-none-match"] !== entry.etag || entry.generation !== policyGeneration() || Date.now() >= entry.validUntilMs) return false;
  res.writeHead(304, entry.headers);
  res.end();
  return true;
}

function remember(authorization: string, entry: Hot): void {
  const hot = hotAnswers();
  if (hot.size >= MAX_HOT && !hot.has(authorization)) hot.delete(hot.keys().next().value!);
  hot.set(authorization, entry);
}

function sendBundle(res: ServerResponse, bundle: SignedBundle, notModified: boolean): void {
  const headers = { ...CACHING, etag: bundle.etag, "x-warden-policy-revision": String(bundle.revision) };
  if (notModified) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, "content-type": "application/jose" });
  res.end(bundle.body);
}

/** Resolves with a bundle whose ETag differs from `current`'s once a new revision brings one, or null at the deadline, when the client leaves or when the instance drains. */
function waitForChange(res: ServerResponse, view: BundleView, current: SignedBundle, seconds: number): Promise<SignedBundle | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (bundle: SignedBundle | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      stopWaitingForDrain();
      res.off("close", left);
      adjustHeld(-1);
      resolve(bundle);
    };
    const left = () => finish(null);
    const timer = setTimeout(() => finish(null), seconds * 1000);
    adjustHeld(1);
    // the response closes before it was sent only when the client went away
    res.once("close", left);
    const onRevision = (revision: bigint) => {
      if (done || Number(revision) <= current.revision) return;
      signedBundle(view, Number(revision)).then(
        (next) => next.etag !== current.etag && finish(next),
        (error: unknown) => logger().warn({ err: error }, "could not compile a policy bundle for a held poll"),
      );
    };
    const unsubscribe = onPolicyRevision(onRevision);
    const stopWaitingForDrain = onDrain(() => finish(null));
    // a revision seen between compiling `current` and subscribing would otherwise wait for the next one
    void policyRevision().then(onRevision, () => {});
  });
}

export async function serveBundle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET") return sendPolicyError(res, 405, "invalid_request", "Use GET", { allow: "GET" });
  const waitParam = new URL(req.url ?? "/", "http://localhost").searchParams.get("wait");
  if (waitParam !== null && (!/^\d{1,3}$/.test(waitParam) || Number(waitParam) > MAX_WAIT_SECONDS)) {
    return sendPolicyError(res, 400, "invalid_request", `wait must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}`);
  }
  const wait = Number(waitParam ?? 0);
  const generation = policyGeneration();
  const point = await authenticatePointOrRefuse(req, res);
  if (point === null) return;
  const { identityId } = point;
  const view = await cachedLookup("bundleView", identityId, () => viewOf(identityId));
  if (!view) return sendPolicyError(res, 403, "access_denied", "Only active gateways and MCP servers receive policy bundles");
  const bundle = await signedBundle(view, Number(await policyRevision()));
  const authorization = req.headers.authorization;
  if (authorization && generation === policyGeneration()) {
    remember(authorization, { generation, validUntilMs: point.validUntilMs, etag: bundle.etag, headers: { ...CACHING, etag: bundle.etag, "x-warden-policy-revision": String(bundle.revision) } });
  }
  if (!matchesIfNoneMatch(req.headers["if-none-match"], bundle.etag)) return sendBundle(res, bundle, false);
  if (wait === 0 || isDraining()) return sendBundle(res, bundle, true);
  if (heldCount() >= MAX_HELD) return sendPolicyError(res, 503, "temporarily_unavailable", "Too many held polls on this instance; retry", { "retry-after": "1" });
  const changed = await waitForChange(res, view, bundle, wait);
  if (res.destroyed || res.writableEnded) return;
  sendBundle(res, changed ?? bundle, changed === null);
}
