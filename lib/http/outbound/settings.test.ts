import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { checkAddress } from "@/lib/http/outbound/policy";
import { outboundLimits, outboundPolicy } from "@/lib/http/outbound/settings";

const productionEnv = { WARDEN_ENV: "production", WARDEN_KEK: Buffer.alloc(32, 7).toString("base64url"), WARDEN_SECRET: "s".repeat(32) };
const allowed = (address: string, source: Record<string, string>) => checkAddress(address, outboundPolicy(parseEnv(source))).allowed;

describe("outbound settings", () => {
  it("block loopback and private networks in production and allow them in development, unless told otherwise", () => {
    expect(allowed("127.0.0.1", productionEnv)).toBe(false);
    expect(allowed("10.0.0.8", productionEnv)).toBe(false);
    expect(allowed("127.0.0.1", {})).toBe(true);
    expect(allowed("10.0.0.8", {})).toBe(true);
    expect(allowed("127.0.0.1", { ...productionEnv, WARDEN_OUTBOUND_ALLOW_PRIVATE: "true" })).toBe(true);
    expect(allowed("127.0.0.1", { WARDEN_OUTBOUND_ALLOW_PRIVATE: "false" })).toBe(false);
    expect(allowed("10.0.0.8", { ...productionEnv, WARDEN_OUTBOUND_ALLOW: " 10.0.0.0/24 , mcp.internal" })).toBe(true);
    expect(allowed("8.8.4.4", { WARDEN_OUTBOUND_DENY: "8.8.4.0/24" })).toBe(false);
    expect(allowed("169.254.169.254", { WARDEN_OUTBOUND_ALLOW: "169.254.169.254" })).toBe(false);
  });

  it("default to a 10 s timeout and 10 MiB answers", () => {
    expect(outboundLimits(parseEnv({}))).toEqual({ timeoutMs: 10_000, maxBytes: 10 * 1024 * 1024 });
    expect(outboundLimits(parseEnv({ WARDEN_OUTBOUND_TIMEOUT_MS: "2500", WARDEN_OUTBOUND_MAX_BYTES: "65536" }))).toEqual({ timeoutMs: 2500, maxBytes: 65536 });
  });

  it("fail fast naming the variable and the entry", () => {
    expect(() => parseEnv({ WARDEN_OUTBOUND_ALLOW: "10.0.0.0/8,http://x" })).toThrow(/WARDEN_OUTBOUND_ALLOW: "http:\/\/x" is not a CIDR/);
    expect(() => parseEnv({ WARDEN_OUTBOUND_DENY: "metadata.internal" })).toThrow(/WARDEN_OUTBOUND_DENY: "metadata.internal" is not a CIDR \(10.0.0.0\/8\) or an IP address/);
    expect(() => parseEnv({ WARDEN_OUTBOUND_ALLOW_PRIVATE: "yes" })).toThrow(/WARDEN_OUTBOUND_ALLOW_PRIVATE: must be true or false/);
    expect(() => parseEnv({ WARDEN_OUTBOUND_TIMEOUT_MS: "10" })).toThrow(/WARDEN_OUTBOUND_TIMEOUT_MS/);
    expect(() => parseEnv({ WARDEN_OUTBOUND_MAX_BYTES: "lots" })).toThrow(/WARDEN_OUTBOUND_MAX_BYTES/);
  });
});
