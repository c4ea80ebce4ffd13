// After a restore: can this installation open the restored signing keys? They
// are sealed with the key-encryption key, which is deliberately not part of
// the database (WARDEN_KEK, or in development the data directory's `kek`
// file). Without the KEK the backup was taken with, Warden cannot sign tokens
// with those keys and anchors of the audit chain no longer verify.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { decryptSecret, keyEncryptionKey } from "@/lib/signing-keys/kek";

export type SigningKeyCheck = {
  total: number;
  /** kids whose private part does not open with this installation's KEK */
  unreadable: string[];
  /** "missing": neither WARDEN_KEK nor the data directory's kek file (nothing was opened, nothing created) */
  kek: "configured" | "data-directory" | "missing";
};

export async function checkSigningKeys(client: Db, options: { configuredKek: string | undefined; dataDir: string }): Promise<SigningKeyCheck> {
  const rows = await client.signingKey.findMany({ select: { kid: true, encryptedPrivateKey: true } });
  const kek = options.configuredKek ? "configured" : fs.existsSync(path.join(options.dataDir, "kek")) ? "data-directory" : "missing";
  // keyEncryptionKey() would generate a new kek file, which can never open the restored keys
  if (kek === "missing") return { total: rows.length, unreadable: rows.map((row) => row.kid), kek };
  const key = keyEncryptionKey();
  const unreadable = rows.filter((row) => {
    try {
      decryptSecret(row.encryptedPrivateKey, row.kid, key);
      return false;
    } catch {
      return true;
    }
  });
  return { total: rows.length, unreadable: unreadable.map((row) => row.kid), kek };
}
