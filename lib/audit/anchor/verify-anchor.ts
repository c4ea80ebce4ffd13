// Checks one stored anchor: a compact JWS of Warden's (typ, key, signature)
// whose signed position and hash are the ones stored beside it. Whether the
// chain still holds that hash at that position is the verifier's walk.
import { compactVerify, decodeProtectedHeader } from "jose";
import { ANCHOR_TYP, ZAnchorPayload, type AnchorPayload } from "@/lib/audit/anchor/anchor-jws";
import { anchorKeys } from "@/lib/audit/anchor/anchor-keys";
import type { Db } from "@/lib/db/client";

export type AnchorRow = { id: string; seq: bigint; hash: string; kid: string; jws: string };
export type AnchorCheck = { ok: true; payload: AnchorPayload } | { ok: false; reason: string };

async function check(anchor: AnchorRow, keyFor: ReturnType<typeof anchorKeys>): Promise<AnchorCheck> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(anchor.jws);
  } catch {
    return { ok: false, reason: "it is not a JWS" };
  }
  if (header.typ !== ANCHOR_TYP) return { ok: false, reason: `its type is ${String(header.typ)}, not ${ANCHOR_TYP}` };
  if (typeof header.kid !== "string" || header.kid !== anchor.kid) return { ok: false, reason: "its key id does not match the stored one" };
  const key = await keyFor(header.kid);
  if ("error" in key) return { ok: false, reason: key.error };
  let signed: Uint8Array;
  try {
    signed = (await compactVerify(anchor.jws, key.publicKey, { algorithms: [key.alg] })).payload;
  } catch {
    return { ok: false, reason: `its signature does not verify with Warden's key ${header.kid}` };
  }
  let payload: AnchorPayload;
  try {
    payload = ZAnchorPayload.parse(JSON.parse(new TextDecoder().decode(signed)));
  } catch {
    return { ok: false, reason: "its signed statement is not an anchor" };
  }
  if (payload.seq !== anchor.seq.toString() || payload.hash !== anchor.hash) return { ok: false, reason: "its stored position or hash differs from the signed one" };
  return { ok: true, payload };
}

/** A checker that verifies each anchor (by id and JWS) once and reuses keys across anchors. */
export function anchorVerifier(client: Db): (anchor: AnchorRow) => Promise<AnchorCheck> {
  const keyFor = anchorKeys(client);
  const done = new Map<string, Promise<AnchorCheck>>();
  return (anchor) => {
    const cacheKey = `${anchor.id}:${anchor.seq}:${anchor.hash}:${anchor.jws}`;
    let result = done.get(cacheKey);
    if (!result) done.set(cacheKey, (result = check(anchor, keyFor)));
    return result;
  };
}
