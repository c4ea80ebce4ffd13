// Which destinations Warden may contact: the address policy of the outbound
// guard (docs/outbound-requests.md). Pure: the settings come in as lists, and
// the verdict for one address comes out with a message fit for an admin.
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { embeddedIPv4, inCidr, parseAddress, rangeOf, type Address, type Cidr } from "@/lib/http/outbound/address-ranges";

export type OutboundPolicy = {
  /** Loopback, private and reserved networks may be contacted. */
  allowPrivate: boolean;
  /** Contacted even if denied otherwise (never the `always` ranges). */
  allow: { cidrs: Cidr[]; hosts: string[] };
  deny: Cidr[];
};

export type OutboundSettings = { allow: string[]; deny: string[]; allowPrivate: boolean };

export type Verdict = { allowed: true } | { allowed: false; reason: string };

const HOST_NAME = /^(\*\.)?(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$/;

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, "");
}

/** A CIDR, or a single address as its /32 or /128; settings take standard notation only (no 10.1 for 10.0.0.1). */
function parseCidrEntry(entry: string): Cidr | undefined {
  const [address = "", prefix, ...rest] = entry.split("/");
  if (rest.length > 0 || isIP(address) === 0) return undefined;
  if (prefix === undefined) {
    const parsed = parseAddress(address);
    return parsed ? [parsed, parsed.kind() === "ipv4" ? 32 : 128] : undefined;
  }
  try {
    return /^\d{1,3}$/.test(prefix) ? ipaddr.parseCIDR(entry) : undefined;
  } catch {
    return undefined;
  }
}

function isHostEntry(entry: string): boolean {
  // "10.1" would read as a host name, but it is a mistyped address
  return HOST_NAME.test(normalizeHost(entry)) && !/^[\d.]+$/.test(entry);
}

/** Why an entry of WARDEN_OUTBOUND_ALLOW (`hosts`) or WARDEN_OUTBOUND_DENY is not valid, or undefined when it is. */
export function entryProblem(entry: string, list: "allow" | "deny"): string | undefined {
  if (parseCidrEntry(entry)) return undefined;
  if (list === "allow") return isHostEntry(entry) ? undefined : `"${entry}" is not a CIDR (10.0.0.0/8), an IP address or a host name (mcp.internal, *.corp.example)`;
  return `"${entry}" is not a CIDR (10.0.0.0/8) or an IP address`;
}

export function buildPolicy(settings: OutboundSettings): OutboundPolicy {
  const allow: OutboundPolicy["allow"] = { cidrs: [], hosts: [] };
  for (const entry of settings.allow) {
    const cidr = parseCidrEntry(entry);
    if (cidr) allow.cidrs.push(cidr);
    else if (isHostEntry(entry)) allow.hosts.push(normalizeHost(entry));
    else throw new Error(entryProblem(entry, "allow"));
  }
  const deny = settings.deny.map((entry) => {
    const cidr = parseCidrEntry(entry);
    if (!cidr) throw new Error(entryProblem(entry, "deny"));
    return cidr;
  });
  return { allowPrivate: settings.allowPrivate, allow, deny };
}

export function hostAllowed(host: string, policy: OutboundPolicy): boolean {
  const name = normalizeHost(host);
  return policy.allow.hosts.some((entry) => (entry.startsWith("*.") ? name.endsWith(entry.slice(1)) : name === entry));
}

function verdictFor(address: Address, policy: OutboundPolicy, hostIsAllowed: boolean): Verdict {
  const range = rangeOf(address);
  if (range?.class === "always") return { allowed: false, reason: range.label };
  if (hostIsAllowed || policy.allow.cidrs.some((cidr) => inCidr(address, cidr))) return { allowed: true };
  if (policy.deny.some((cidr) => inCidr(address, cidr))) return { allowed: false, reason: "on the deny list" };
  if (range && !policy.allowPrivate) return { allowed: false, reason: range.label };
  return { allowed: true };
}

/**
 * The verdict for connecting to `address` (as text: any form ipaddr.js reads).
 * `host` is the name it was resolved from, if any: an allowed host name allows
 * its addresses. An IPv6 address that carries an IPv4 address is judged as both.
 */
export function checkAddress(address: string, policy: OutboundPolicy, host?: string): Verdict {
  const parsed = parseAddress(address);
  if (!parsed) return { allowed: false, reason: "not an IP address" };
  const hostIsAllowed = host !== undefined && hostAllowed(host, policy);
  const embedded = embeddedIPv4(parsed);
  for (const candidate of embedded ? [parsed, embedded] : [parsed]) {
    const verdict = verdictFor(candidate, policy, hostIsAllowed);
    if (!verdict.allowed) return verdict;
  }
  return { allowed: true };
}
