// Keys for anchors, read from the database the chain lives in (not the
// process-wide key store, so a verification of another database — a restored
// backup, a test — uses that database's keys).
//
// Verification accepts every key Warden ever created, retired ones included:
// an anchor stays evidence long after its key stopped signing tokens. A key
// row is only believed when its private part, sealed with the key-encryption
// key and bound to the kid, opens and matches the public part: someone who can
// write the database but lacks the KEK cannot slip in a key of their own (or
// swap a public key) and sign forged anchors with it.
import { importJWK, type CryptoKey, type KeyObject } from "jose";
import type { AnchorSigner } from "@/lib/audit/anchor/anchor-jws";
import type { Db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";
import { authenticateKeyRow, type KeyRow } from "@/lib/signing-keys/authenticate-key";
import type { SigningAlgorithm } from "@/lib/signing-keys/generate-key";

export type AnchorKey = { alg: SigningAlgorithm; publicKey: CryptoKey | KeyObject } | { error: string };

async function authenticate(row: KeyRow): Promise<AnchorKey> {
  const key = await authenticateKeyRow(row);
  return "error" in key ? key : { alg: key.alg, publicKey: key.publicKey };
}

/** Looks keys up by kid, each at most once per instance of the lookup. */
export function anchorKeys(client: Db): (kid: string) => Promise<AnchorKey> {
  const loaded = new Map<string, Promise<AnchorKey>>();
  return (kid) => {
    let key = loaded.get(kid);
    if (!key) {
      key = client.signingKey.findUnique({ where: { kid } }).then((row) => (row ? authenticate(row) : { error: `signing key ${kid} is not one of Warden's keys` }));
      loaded.set(kid, key);
    }
    return key;
  };
}

/** The active signing key of the database, ready to sign (null when there is none). Never logged or returned. */
export async function activeAnchorSigner(client: Db | Tx): Promise<AnchorSigner | null> {
  const row = await client.signingKey.findFirst({ where: { status: "active" }, orderBy: { activatedAt: "desc" } });
  if (!row) return null;
  const key = await authenticateKeyRow(row);
  if ("error" in key) throw new Error(`The active signing key cannot sign: ${key.error}`);
  return { kid: row.kid, alg: key.alg, privateKey: (await importJWK(key.privateJwk, key.alg)) as CryptoKey | KeyObject };
}
