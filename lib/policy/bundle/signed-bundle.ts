// Signed policy bundles, compiled once per revision and view and kept in memory
// until the revision moves. The payload is the canonical JSON of the document
// (sorted keys), so the same revision and view give the same payload on every
// instance; the ETag is a hash of that payload and the signing key id. ECDSA
// signatures differ from one signing to the next, so the ETag is weak (W/):
// two instances may serve different signatures of the same document.
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { observeBundleSigned } from "@/lib/metrics/policy";
import { compactJws } from "@/lib/policy/bundle/compact-jws";
import { compileBundle, type BundleView } from "@/lib/policy/bundle/compile";
import { POLICY_BUNDLE_TYP } from "@/lib/policy/bundle/document";
import { keyStore } from "@/lib/signing-keys/key-store";
import { ensureSigningKeys } from "@/lib/signing-keys/rotate-signing-key";

/** `body`: the compact JWS as bytes, what is written to sockets (a string would be encoded again for every answer); `jws`: the same as text. */
export type SignedBundle = { revision: number; readonly jws: string; body: Buffer; etag: string; kid: string; bytes: number };

const MAX_VIEWS = 1000;
const slot = Symbol.for("warden.signedBundles");
/** `requested`: the revision the signing was started for; it yields that revision or a later one */
type Entry = { requested: number; promise: Promise<SignedBundle>; settled: SignedBundle | null };
type Cache = Map<string, Entry>;
function cache(): Cache {
  const holder = globalThis as { [slot]?: Cache };
  return (holder[slot] ??= new Map());
}

const viewKey = (view: BundleView) => `${view.audience}|${view.serverIds === "all" ? "*" : view.serverIds.join(",")}`;

async function sign(view: BundleView): Promise<SignedBundle> {
  // keys first: creating them moves the revision, which the document must include
  let store = await keyStore();
  if (!store.signer) {
    await ensureSigningKeys();
    store = await keyStore({ refresh: true });
  }
  const signer = store.signer;
  if (!signer) throw new Error("No active signing key");
  const started = performance.now();
  const document = await compileBundle(view);
  // the document is built with sorted keys (lib/policy/bundle/compile.ts): this is its canonical JSON
  const payload = JSON.stringify(document);
  const jws = compactJws({ payload, header: { alg: signer.alg, kid: signer.kid, typ: POLICY_BUNDLE_TYP }, privateKey: signer.privateKey });
  const etag = `W/"${crypto.createHash("sha256").update(`${signer.kid}.${payload}`).digest("base64url")}"`;
  // only the bytes are kept (a large bundle is tens of MiB): the text is decoded again when asked for
  const body = Buffer.from(jws, "latin1");
  observeBundleSigned(document.revision, (performance.now() - started) / 1000);
  return {
    revision: document.revision,
    get jws() {
      return body.toString("latin1");
    },
    body,
    etag,
    kid: signer.kid,
    bytes: body.length,
  };
}

/**
 * The signed bundle of `view` at revision `revision` (the caller's read of the
 * current revision): from memory when it was already signed at that revision.
 * Single-flight: callers that ask for a revision a signing in progress will
 * yield share it — a change wakes every held poll of a view at once, and they
 * must not each compile and sign their own copy.
 */
export function signedBundle(view: BundleView, revision: number): Promise<SignedBundle> {
  const bundles = cache();
  const key = viewKey(view);
  const found = bundles.get(key);
  if (found && (found.requested >= revision || (found.settled && found.settled.revision >= revision))) return found.promise;
  const entry: Entry = { requested: revision, promise: sign(view), settled: null };
  if (bundles.size >= MAX_VIEWS && !bundles.has(key)) bundles.delete(bundles.keys().next().value!);
  bundles.set(key, entry);
  entry.promise.then(
    (bundle) => {
      entry.settled = bundle;
    },
    () => bundles.get(key) === entry && bundles.delete(key),
  );
  return entry.promise;
}
