import { describe, expect, it } from "vitest";
import type { IncomingMessage } from "node:http";
import { clientAddress, stampRequest } from "@/lib/server/request-meta";
import { proxyEntryProblem, trustedProxies } from "@/lib/server/trusted-proxies";

const proxies = new Set(["10.0.0.2", "10.0.0.3"]);

describe("clientAddress", () => {
  it("uses the socket when it is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(clientAddress("198.51.100.7", "1.2.3.4", proxies)).toBe("198.51.100.7");
  });
  it("takes the nearest untrusted hop behind trusted proxies", () => {
    expect(clientAddress("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.3", proxies)).toBe("203.0.113.9");
  });
  it("ignores garbage hops and falls back to the socket without a header", () => {
    expect(clientAddress("10.0.0.2", "not-an-ip, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", undefined, proxies)).toBe("10.0.0.2");
  });
});

describe("trusted proxies given as CIDR ranges", () => {
  const ranges = trustedProxies(["10.0.0.0/8", "fd00:1::/64", "192.0.2.7"]);
  it("match addresses inside the ranges, IPv4-mapped IPv6 as IPv4, and nothing else", () => {
    expect(["10.1.2.3", "::ffff:10.200.0.1", "fd00:1::42", "192.0.2.7"].map((address) => ranges.has(address))).toEqual([true, true, true, true]);
    expect(["11.0.0.1", "fd00:2::1", "192.0.2.8", "not-an-ip", ""].map((address) => ranges.has(address))).toEqual([false, false, false, false, false]);
    expect(trustedProxies([]).has("10.0.0.1")).toBe(false);
  });
  it("let a client behind a pod-network ingress be told from the ingress", () => {
    expect(clientAddress("10.42.0.17", "203.0.113.9, 10.42.3.1", ranges)).toBe("203.0.113.9");
    expect(clientAddress("198.51.100.7", "203.0.113.9", ranges)).toBe("198.51.100.7");
  });
  it("name what is wrong with a bad entry", () => {
    expect(proxyEntryProblem("10.0.0.0/8")).toBeNull();
    expect(proxyEntryProblem("::1")).toBeNull();
    expect(proxyEntryProblem("10.0.0.0/33")).toBe("10.0.0.0/33 is not a CIDR range");
    expect(proxyEntryProblem("proxy.internal")).toBe("proxy.internal is not an IP address or CIDR range");
  });
});

describe("stampRequest and the client certificate header", () => {
  const request = (remoteAddress: string, headers: Record<string, string>) => ({ headers: { ...headers }, socket: { remoteAddress } }) as unknown as IncomingMessage;

  it("copies the configured header to x-warden-client-cert only from a trusted proxy", () => {
    const trusted = request("10.0.0.2", { "x-ssl-client-cert": "PEM" });
    stampRequest(trusted, proxies, "x-ssl-client-cert");
    expect(trusted.headers["x-warden-client-cert"]).toBe("PEM");
    const direct = request("198.51.100.7", { "x-ssl-client-cert": "PEM" });
    stampRequest(direct, proxies, "x-ssl-client-cert");
    expect(direct.headers["x-warden-client-cert"]).toBeUndefined();
  });

  it("always drops a client-sent x-warden-client-cert, even from a trusted proxy", () => {
    const smuggled = request("10.0.0.2", { "x-warden-client-cert": "forged" });
    stampRequest(smuggled, proxies, "x-ssl-client-cert");
    expect(smuggled.headers["x-warden-client-cert"]).toBeUndefined();
    const direct = request("198.51.100.7", { "x-warden-client-cert": "forged" });
    stampRequest(direct, proxies, "x-ssl-client-cert");
    expect(direct.headers["x-warden-client-cert"]).toBeUndefined();
  });

  it("reads only the configured header name", () => {
    const other = request("10.0.0.2", { "x-client-cert": "PEM" });
    stampRequest(other, proxies, "x-ssl-client-cert");
    expect(other.headers["x-warden-client-cert"]).toBeUndefined();
  });
});
