// The anchor statement: Warden's signing key signs "the chain's event <seq>
// has hash <hash>" as a compact JWS. Whoever removes or rewrites events up to
// an anchored position cannot produce a matching statement without the key,
// so a truncated tail shows even when the head row was rewritten to match.
// A retention checkpoint also signs, per event class, the cutoff it prunes
// before: that signed claim is what entitles events to become tombstones.
import { CompactSign, type CryptoKey, type KeyObject } from "jose";
import { z } from "zod";
import { EVENT_CLASSES } from "@/lib/audit/event-classes";
import type { SigningAlgorithm } from "@/lib/signing-keys/generate-key";

export const ANCHOR_TYP = "warden-audit-anchor+jwt";

export const ZAnchorPayload = z.object({
  iss: z.string(),
  seq: z.string().regex(/^\d{1,19}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.iso.datetime(),
  /** event class → ISO cutoff: events of that class before it, up to seq, may be pruned */
  retention: z.partialRecord(z.enum(EVENT_CLASSES), z.iso.datetime()).optional(),
});
export type AnchorPayload = z.infer<typeof ZAnchorPayload>;

export type AnchorSigner = { kid: string; alg: SigningAlgorithm; privateKey: CryptoKey | KeyObject };

export function signAnchor(signer: AnchorSigner, payload: AnchorPayload): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: ANCHOR_TYP }).sign(signer.privateKey);
}
