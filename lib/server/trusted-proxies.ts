// WARDEN_TRUSTED_PROXIES: addresses or CIDR ranges (a load balancer's subnet,
// a Kubernetes ingress's pod range) whose X-Forwarded-For is believed. Parsed
// once; each address's answer is remembered, since the same few proxies ask
// on every request.
import ipaddr from "ipaddr.js";

export type TrustedProxies = { has(address: string): boolean };

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Why `entry` is not an address or CIDR range, or null when it is one. */
export function proxyEntryProblem(entry: string): string | null {
  if (entry.includes("/")) return ipaddr.isValidCIDR(entry) ? null : `${entry} is not a CIDR range`;
  return ipaddr.isValid(entry) ? null : `${entry} is not an IP address or CIDR range`;
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.2) is matched as the IPv4 address it carries. */
function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

const MAX_REMEMBERED = 10_000;

export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const ranges: Range[] = entries.map((entry) => {
    if (entry.includes("/")) return ipaddr.parseCIDR(entry);
    const address = parse(entry)!;
    return [address, address.kind() === "ipv4" ? 32 : 128];
  });
  const answers = new Map<string, boolean>();
  return {
    has(address) {
      if (ranges.length === 0) return false;
      let answer = answers.get(address);
      if (answer === undefined) {
        const parsed = parse(address);
        answer = parsed !== null && ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
        if (answers.size >= MAX_REMEMBERED) answers.clear();
        answers.set(address, answer);
      }
      return answer;
    },
  };
}
