// The key-encryption key (KEK) that protects Warden's private signing keys at
// rest: AES-256-GCM. Production requires WARDEN_KEK; development generates one
// into the data directory and says so loudly, because whoever reads that
// directory can then decrypt the keys.
//
// Rotation: with WARDEN_KEK_PREVIOUS set to the old key, secrets sealed under
// either key open (the GCM tag tells which), new ones are sealed under
// WARDEN_KEK, and `npm run warden -- kek reseal` re-seals the stored ones
// (lib/signing-keys/reseal-secrets.ts); then WARDEN_KEK_PREVIOUS is removed.
import crypto from "node:crypto";
import { env } from "@/lib/config/env";
import { generatedSecret } from "@/lib/config/generated-secret";
import { logger } from "@/lib/log";

const slot = Symbol.for("warden.kek");
type Global = { [slot]?: Buffer };

/** Forget the cached KEK (tests and the CLI after changing the environment). */
export function resetKeyEncryptionKey(): void {
  delete (globalThis as Global)[slot];
}

/** The key secrets were sealed with before the current one (WARDEN_KEK_PREVIOUS), during a rotation. */
export function previousKeyEncryptionKey(): Buffer | null {
  const previous = env().WARDEN_KEK_PREVIOUS;
  return previous ? Buffer.from(previous, "base64url") : null;
}

export function keyEncryptionKey(): Buffer {
  const holder = globalThis as Global;
  if (holder[slot]) return holder[slot];
  const configured = env().WARDEN_KEK;
  if (configured) return (holder[slot] = Buffer.from(configured, "base64url"));
  const generated = generatedSecret("kek");
  // every process that finds no WARDEN_KEK says so, not only the one that created the file
  logger().warn({ file: generated.file, created: generated.created }, "WARDEN_KEK is not set: using a key-encryption key from the data directory (development only; set WARDEN_KEK in production)");
  return (holder[slot] = Buffer.from(generated.value, "base64url"));
}

/** `v1.<iv>.<tag>.<ciphertext>`, all base64url; the kid is bound as associated data. */
export function encryptSecret(plaintext: string, associatedData: string, kek = keyEncryptionKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", kek, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

function openWith(sealed: string, associatedData: string, kek: Buffer): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !ciphertext) throw new Error("Unknown sealed-secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", kek, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** Which key opens `sealed`: the current KEK, the previous one (during a rotation), or neither (throws). */
export function openSealed(sealed: string, associatedData: string): { plaintext: string; sealedWith: "current" | "previous" } {
  try {
    return { plaintext: openWith(sealed, associatedData, keyEncryptionKey()), sealedWith: "current" };
  } catch (error) {
    const previous = previousKeyEncryptionKey();
    if (!previous) throw error;
    return { plaintext: openWith(sealed, associatedData, previous), sealedWith: "previous" };
  }
}

/** Opens a sealed secret with `kek`, or else with the current KEK and, during a rotation, the previous one. */
export function decryptSecret(sealed: string, associatedData: string, kek?: Buffer): string {
  return kek ? openWith(sealed, associatedData, kek) : openSealed(sealed, associatedData).plaintext;
}
