// The enforcement SDK's check of a policy bundle before it is used: a compact
// JWS of `typ` warden-policy-bundle+jwt, signed by a key in Warden's JWKS with
// an asymmetric algorithm, from the expected issuer and audience, whose
// document matches schema version 1, and whose revision never goes backwards.
// No Next.js or database imports: usable from any Node service.
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from "jose";
import { POLICY_BUNDLE_TYP, ZPolicyBundle, type PolicyBundle } from "@/lib/policy/bundle/document";

export const BUNDLE_ALGORITHMS = ["ES256", "EdDSA", "PS256"];

export class BundleRejected extends Error {
  constructor(
    readonly reason: "malformed" | "typ" | "signature" | "unknown_kid" | "issuer" | "audience" | "schema" | "rollback",
    message: string,
  ) {
    super(message);
    this.name = "BundleRejected";
  }
}

export type VerifyBundleOptions = {
  jwks: JSONWebKeySet;
  issuer: string;
  /** this enforcement point's identity id */
  audience: string;
  /** the revision of the bundle in use, if any: an older one is refused */
  currentRevision?: number | null;
};

export async function verifyPolicyBundle(jws: string, options: VerifyBundleOptions): Promise<PolicyBundle> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new BundleRejected("malformed", "The bundle is not a compact JWS");
  }
  if (header.typ !== POLICY_BUNDLE_TYP) throw new BundleRejected("typ", `The bundle's typ is ${String(header.typ)}, not ${POLICY_BUNDLE_TYP}`);
  if (typeof header.kid !== "string" || !options.jwks.keys.some((key) => key.kid === header.kid)) throw new BundleRejected("unknown_kid", `No key ${String(header.kid)} in Warden's JWKS`);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, createLocalJWKSet(options.jwks), { algorithms: BUNDLE_ALGORITHMS }));
  } catch (error) {
    throw new BundleRejected("signature", `The bundle's signature does not verify: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new BundleRejected("malformed", "The bundle's payload is not JSON");
  }
  const result = ZPolicyBundle.safeParse(parsed);
  if (!result.success) throw new BundleRejected("schema", `The bundle does not match schema version 1: ${result.error.issues[0]?.message ?? "invalid"}`);
  const bundle = result.data;
  if (bundle.iss !== options.issuer) throw new BundleRejected("issuer", `The bundle was issued by ${bundle.iss}, not ${options.issuer}`);
  if (bundle.audience !== options.audience) throw new BundleRejected("audience", `The bundle is for ${bundle.audience}, not ${options.audience}`);
  if (options.currentRevision != null && bundle.revision < options.currentRevision) {
    throw new BundleRejected("rollback", `The bundle's revision ${bundle.revision} is older than the one in use (${options.currentRevision})`);
  }
  return bundle;
}
