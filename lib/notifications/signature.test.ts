import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookPayload, verifyWebhookSignature } from "@/lib/notifications/signature";

const secret = "whsec_c2VjcmV0LWZvci10aGUtc2lnbmF0dXJlLXRlc3Q";
const body = JSON.stringify({ id: "ntf_01", event: "campaign.reminder", campaign: { name: "Q3 grants" } });
const t = 1_767_225_600; // 2026-01-01T00:00:00Z
const at = (seconds: number) => new Date(seconds * 1000);

describe("Warden-Signature", () => {
  it("is t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const expected = crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signWebhookPayload(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies the signed body within the tolerance", () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body, { now: at(t) })).toBe(true);
    expect(verifyWebhookSignature(secret, header, Buffer.from(body), { now: at(t + 299) })).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, { now: at(t - 60), toleranceSeconds: 60 })).toBe(true);
  });

  it("refuses a tampered body, another secret, and old or future timestamps", () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body.replace("Q3", "Q4"), { now: at(t) })).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, header, body, { now: at(t) })).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, { now: at(t + 301) })).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, { now: at(t - 301) })).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, { now: at(t + 61), toleranceSeconds: 60 })).toBe(false);
  });

  it("refuses a timestamp swapped under the same signature", () => {
    const v1 = signWebhookPayload(secret, body, t).split(",v1=")[1];
    expect(verifyWebhookSignature(secret, `t=${t + 1},v1=${v1}`, body, { now: at(t) })).toBe(false);
  });

  it("accepts any matching v1 among several (secret rotation) and ignores unknown parts", () => {
    const good = signWebhookPayload(secret, body, t).split(",v1=")[1];
    const other = signWebhookPayload("whsec_other", body, t).split(",v1=")[1];
    expect(verifyWebhookSignature(secret, `t=${t}, v1=${other}, v1=${good}, v0=abc`, body, { now: at(t) })).toBe(true);
  });

  it.each([[null], [""], ["garbage"], [`t=${t}`], [`v1=${"0".repeat(64)}`], [`t=abc,v1=${"0".repeat(64)}`], [`t=${t},v1=xyz`], [`t=${t},v1=${"0".repeat(63)}`]])("refuses the malformed header %j", (header) => {
    expect(verifyWebhookSignature(secret, header, body, { now: at(t) })).toBe(false);
  });

  it("refuses an empty secret", () => {
    expect(verifyWebhookSignature("", signWebhookPayload("", body, t), body, { now: at(t) })).toBe(false);
  });
});
