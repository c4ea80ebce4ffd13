import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { applySecurityHeaders, DEFAULT_CSP } from "@/lib/server/security-headers";

const response = () => new http.ServerResponse(new http.IncomingMessage(new net.Socket()));

describe("applySecurityHeaders", () => {
  it("sets the strict defaults, and HSTS only over https", () => {
    const plain = response();
    applySecurityHeaders(plain, { https: false });
    expect(plain.getHeader("content-security-policy")).toBe(DEFAULT_CSP);
    expect(DEFAULT_CSP).toContain("frame-ancestors 'none'");
    expect(plain.getHeader("x-content-type-options")).toBe("nosniff");
    expect(plain.getHeader("x-frame-options")).toBe("DENY");
    expect(plain.getHeader("referrer-policy")).toBe("no-referrer");
    expect(plain.getHeader("strict-transport-security")).toBeUndefined();
    const secure = response();
    applySecurityHeaders(secure, { https: true });
    expect(secure.getHeader("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
  });
});
