// The address ranges the outbound guard knows, by what they are. Tables of
// CIDRs rather than ipaddr.js's range() names: what is blocked must be
// readable here, and range()'s first-match order is not ours to rely on.
import ipaddr from "ipaddr.js";

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Cidr = [Address, number];

/**
 * `always`: never contacted, whatever the settings (metadata services, link-local, unspecified, multicast, broadcast).
 * `local`: loopback and private or reserved networks, allowed only when the deployment says so.
 */
export type RangeClass = "always" | "local";
export type RangeRule = { cidr: Cidr; class: RangeClass; label: string };

const METADATA = "cloud metadata";
const LINK_LOCAL = "link-local / cloud metadata";

const TABLE: [string, RangeClass, string][] = [
  // Metadata services outside link-local, named so the error says what they are.
  ["fd00:ec2::254/128", "always", `${METADATA} (AWS IMDS over IPv6)`],
  ["100.100.100.200/32", "always", `${METADATA} (Alibaba Cloud)`],
  ["168.63.129.16/32", "always", `${METADATA} (Azure platform)`],
  // 169.254.169.254 (AWS, GCP, Azure, OCI…) and 169.254.170.2 (ECS task credentials) are link-local.
  ["169.254.0.0/16", "always", LINK_LOCAL],
  ["fe80::/10", "always", LINK_LOCAL],
  ["0.0.0.0/8", "always", "unspecified / \"this network\" address"],
  ["::/128", "always", "unspecified address"],
  ["224.0.0.0/4", "always", "multicast"],
  ["ff00::/8", "always", "multicast"],
  ["255.255.255.255/32", "always", "broadcast"],

  ["127.0.0.0/8", "local", "loopback"],
  ["::1/128", "local", "loopback"],
  ["10.0.0.0/8", "local", "private network"],
  ["172.16.0.0/12", "local", "private network"],
  ["192.168.0.0/16", "local", "private network"],
  ["100.64.0.0/10", "local", "private network (carrier-grade NAT)"],
  ["fc00::/7", "local", "private network (IPv6 unique local)"],
  ["fec0::/10", "local", "private network (IPv6 site-local)"],
  ["64:ff9b:1::/48", "local", "private network (local-use NAT64)"],
  ["192.0.0.0/24", "local", "reserved range"],
  ["192.0.2.0/24", "local", "reserved range (documentation)"],
  ["198.51.100.0/24", "local", "reserved range (documentation)"],
  ["203.0.113.0/24", "local", "reserved range (documentation)"],
  ["198.18.0.0/15", "local", "reserved range (benchmarking)"],
  ["240.0.0.0/4", "local", "reserved range"],
  ["2001:db8::/32", "local", "reserved range (documentation)"],
  ["100::/64", "local", "reserved range (discard)"],
];

export const RANGES: RangeRule[] = TABLE.map(([cidr, rangeClass, label]) => ({ cidr: ipaddr.parseCIDR(cidr), class: rangeClass, label }));

export function inCidr(address: Address, cidr: Cidr): boolean {
  return address.kind() === cidr[0].kind() && address.match(cidr);
}

/** The first range `address` lies in (the table is ordered most specific first), or undefined for a public address. */
export function rangeOf(address: Address): RangeRule | undefined {
  return RANGES.find((rule) => inCidr(address, rule.cidr));
}

const EMBEDDING: Cidr[] = [
  ipaddr.parseCIDR("::ffff:0:0/96"), // IPv4-mapped
  ipaddr.parseCIDR("::ffff:0:0:0/96"), // IPv4-translated (RFC 6145)
  ipaddr.parseCIDR("64:ff9b::/96"), // NAT64 (RFC 6052)
  ipaddr.parseCIDR("::/96"), // IPv4-compatible (deprecated)
];

/**
 * The IPv4 address an IPv6 address carries and may reach (mapped, translated,
 * NAT64, IPv4-compatible, 6to4), or undefined. `::ffff:169.254.169.254` must be
 * judged as 169.254.169.254.
 */
export function embeddedIPv4(address: Address): ipaddr.IPv4 | undefined {
  if (address.kind() !== "ipv6") return undefined;
  const v6 = address as ipaddr.IPv6;
  const parts = v6.parts;
  const fromWords = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  // :: and ::1 are in ::/96 but are not IPv4 addresses
  if (EMBEDDING.some((cidr) => v6.match(cidr)) && !(parts.slice(0, 7).every((part) => part === 0) && parts[7]! <= 1)) {
    return fromWords(parts[6]!, parts[7]!);
  }
  if (parts[0] === 0x2002) return fromWords(parts[1]!, parts[2]!); // 6to4
  return undefined;
}

/** Parses an address in any form ipaddr.js reads (dotted, hex, octal, integer IPv4; IPv6 with or without brackets or zone). */
export function parseAddress(text: string): Address | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  try {
    return ipaddr.parse(bare);
  } catch {
    return undefined;
  }
}
