import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/signing-keys/kek";

describe("KEK encryption", () => {
  const kek = crypto.randomBytes(32);
  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret('{"d":"secret-part"}', "kid-1", kek);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("secret-part");
    expect(decryptSecret(sealed, "kid-1", kek)).toBe('{"d":"secret-part"}');
    expect(encryptSecret('{"d":"secret-part"}', "kid-1", kek)).not.toBe(sealed);
  });
  it("refuses another KEK, another kid (associated data) and tampering", () => {
    const sealed = encryptSecret("private", "kid-1", kek);
    expect(() => decryptSecret(sealed, "kid-1", crypto.randomBytes(32))).toThrow();
    expect(() => decryptSecret(sealed, "kid-2", kek)).toThrow();
    const [v, iv, tag, ct] = sealed.split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."), "kid-1", kek)).toThrow();
  });
});
