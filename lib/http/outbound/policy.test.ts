import { describe, expect, it } from "vitest";
import { buildPolicy, checkAddress, entryProblem, type OutboundSettings } from "@/lib/http/outbound/policy";

const production = (settings: Partial<OutboundSettings> = {}) => buildPolicy({ allow: [], deny: [], allowPrivate: false, ...settings });
const development = (settings: Partial<OutboundSettings> = {}) => buildPolicy({ allow: [], deny: [], allowPrivate: true, ...settings });

function reason(address: string, policy = production(), host?: string): string | null {
  const verdict = checkAddress(address, policy, host);
  return verdict.allowed ? null : verdict.reason;
}

describe("the outbound address policy", () => {
  it("always blocks link-local addresses and cloud metadata services, in every form", () => {
    for (const policy of [production(), development()]) {
      expect(reason("169.254.169.254", policy)).toBe("link-local / cloud metadata");
      expect(reason("169.254.170.2", policy)).toBe("link-local / cloud metadata");
      expect(reason("169.254.0.1", policy)).toBe("link-local / cloud metadata");
      expect(reason("fe80::1", policy)).toBe("link-local / cloud metadata");
      expect(reason("fe80::1%eth0", policy)).toBe("link-local / cloud metadata");
      expect(reason("fd00:ec2::254", policy)).toBe("cloud metadata (AWS IMDS over IPv6)");
      expect(reason("100.100.100.200", policy)).toBe("cloud metadata (Alibaba Cloud)");
      expect(reason("168.63.129.16", policy)).toBe("cloud metadata (Azure platform)");
      // other spellings of 169.254.169.254
      expect(reason("0xa9fea9fe", policy)).toBe("link-local / cloud metadata");
      expect(reason("2852039166", policy)).toBe("link-local / cloud metadata");
      expect(reason("0251.0376.0251.0376", policy)).toBe("link-local / cloud metadata");
      expect(reason("[fe80::1]", policy)).toBe("link-local / cloud metadata");
    }
  });

  it("judges an IPv6 address that carries an IPv4 address by the IPv4 address too", () => {
    const policy = development();
    expect(reason("::ffff:169.254.169.254", policy)).toBe("link-local / cloud metadata");
    expect(reason("::ffff:a9fe:a9fe", policy)).toBe("link-local / cloud metadata");
    expect(reason("0:0:0:0:0:ffff:a9fe:a9fe", policy)).toBe("link-local / cloud metadata");
    expect(reason("::ffff:0:a9fe:a9fe", policy)).toBe("link-local / cloud metadata"); // IPv4-translated
    expect(reason("64:ff9b::169.254.169.254", policy)).toBe("link-local / cloud metadata"); // NAT64
    expect(reason("::169.254.169.254", policy)).toBe("link-local / cloud metadata"); // IPv4-compatible
    expect(reason("2002:a9fe:a9fe::1", policy)).toBe("link-local / cloud metadata"); // 6to4
    expect(reason("::ffff:127.0.0.1", production())).toBe("loopback");
    expect(reason("::ffff:10.1.2.3", production())).toBe("private network");
    expect(reason("::ffff:8.8.8.8", production())).toBeNull();
    expect(reason("64:ff9b::8.8.8.8", production())).toBeNull();
  });

  it("always blocks unspecified, multicast and broadcast addresses", () => {
    for (const policy of [production(), development()]) {
      expect(reason("0.0.0.0", policy)).toBe('unspecified / "this network" address');
      expect(reason("0.1.2.3", policy)).toBe('unspecified / "this network" address');
      expect(reason("::", policy)).toBe("unspecified address");
      expect(reason("224.0.0.1", policy)).toBe("multicast");
      expect(reason("239.255.255.250", policy)).toBe("multicast");
      expect(reason("ff02::1", policy)).toBe("multicast");
      expect(reason("255.255.255.255", policy)).toBe("broadcast");
    }
  });

  it("blocks loopback, private and reserved networks unless private networks are allowed", () => {
    const cases: [string, string][] = [
      ["127.0.0.1", "loopback"],
      ["127.8.9.10", "loopback"],
      ["::1", "loopback"],
      ["10.0.0.1", "private network"],
      ["172.16.5.4", "private network"],
      ["172.31.255.255", "private network"],
      ["192.168.1.1", "private network"],
      ["100.64.0.1", "private network (carrier-grade NAT)"],
      ["fd12:3456::1", "private network (IPv6 unique local)"],
      ["fc00::1", "private network (IPv6 unique local)"],
      ["192.0.2.10", "reserved range (documentation)"],
      ["198.18.0.1", "reserved range (benchmarking)"],
      ["240.0.0.1", "reserved range"],
      ["2001:db8::1", "reserved range (documentation)"],
    ];
    for (const [address, why] of cases) {
      expect(reason(address, production()), address).toBe(why);
      expect(reason(address, development()), address).toBeNull();
    }
  });

  it("lets public addresses through", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "169.253.255.255", "100.128.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"]) {
      expect(reason(address, production()), address).toBeNull();
    }
  });

  it("denies listed CIDRs and addresses, in production and development", () => {
    const settings = { deny: ["203.0.114.0/24", "8.8.4.4", "2606:4700::/32", "127.0.0.2"] };
    for (const policy of [production(settings), development(settings)]) {
      expect(reason("203.0.114.77", policy)).toBe("on the deny list");
      expect(reason("8.8.4.4", policy)).toBe("on the deny list");
      expect(reason("::ffff:8.8.4.4", policy)).toBe("on the deny list");
      expect(reason("2606:4700:4700::1111", policy)).toBe("on the deny list");
      expect(reason("8.8.8.8", policy)).toBeNull();
    }
    expect(reason("127.0.0.2", development(settings))).toBe("on the deny list");
    expect(reason("127.0.0.1", development(settings))).toBeNull();
  });

  it("lets the allow list override the deny list and the private ranges, but never the metadata and link-local ranges", () => {
    const policy = production({ allow: ["10.20.0.0/16", "127.0.0.1", "203.0.114.5", "0.0.0.0/0", "::/0"], deny: ["203.0.114.0/24"] });
    expect(reason("10.20.3.4", policy)).toBeNull();
    expect(reason("::ffff:10.20.3.4", policy)).toBeNull();
    expect(reason("127.0.0.1", policy)).toBeNull();
    expect(reason("203.0.114.5", policy)).toBeNull();
    // 0.0.0.0/0 allows every other IPv4 address, yet not these
    expect(reason("169.254.169.254", policy)).toBe("link-local / cloud metadata");
    expect(reason("fd00:ec2::254", policy)).toBe("cloud metadata (AWS IMDS over IPv6)");
    expect(reason("::ffff:169.254.169.254", policy)).toBe("link-local / cloud metadata");
    expect(reason("224.0.0.1", policy)).toBe("multicast");
    const narrow = production({ allow: ["10.20.0.0/16"] });
    expect(reason("10.21.0.1", narrow)).toBe("private network");
  });

  it("allows the addresses of an allowed host name, and of subdomains for a *. entry", () => {
    const policy = production({ allow: ["mcp.internal", "*.corp.example"] });
    expect(reason("10.1.2.3", policy, "mcp.internal")).toBeNull();
    expect(reason("10.1.2.3", policy, "MCP.Internal.")).toBeNull();
    expect(reason("10.1.2.3", policy, "siem.eu.corp.example")).toBeNull();
    expect(reason("10.1.2.3", policy, "corp.example")).toBe("private network");
    expect(reason("10.1.2.3", policy, "evilcorp.example")).toBe("private network");
    expect(reason("10.1.2.3", policy, "other.internal")).toBe("private network");
    expect(reason("10.1.2.3", policy)).toBe("private network");
    expect(reason("169.254.169.254", policy, "mcp.internal")).toBe("link-local / cloud metadata");
  });

  it("refuses what is not an address", () => {
    expect(reason("example.com")).toBe("not an IP address");
    expect(reason("")).toBe("not an IP address");
  });

  it("names malformed entries of the settings", () => {
    expect(entryProblem("10.0.0.0/8", "allow")).toBeUndefined();
    expect(entryProblem("fd00::/8", "deny")).toBeUndefined();
    expect(entryProblem("192.168.1.7", "deny")).toBeUndefined();
    expect(entryProblem("mcp.internal", "allow")).toBeUndefined();
    expect(entryProblem("*.corp.example", "allow")).toBeUndefined();
    expect(entryProblem("mcp.internal", "deny")).toBe('"mcp.internal" is not a CIDR (10.0.0.0/8) or an IP address');
    expect(entryProblem("10.0.0.0/33", "allow")).toMatch(/is not a CIDR/);
    expect(entryProblem("10.1", "allow")).toMatch(/is not a CIDR/);
    expect(entryProblem("http://example.com", "allow")).toMatch(/is not a CIDR/);
    expect(() => buildPolicy({ allow: [], deny: ["nope.example"], allowPrivate: false })).toThrow(/nope.example/);
  });
});
