// Resolving a destination for the outbound guard. The check lives in the DNS
// lookup the socket itself uses (net, tls and dgram take a `lookup` option), so
// the addresses checked are the addresses connected to: a name that resolves
// to a public address for a check and to 169.254.169.254 a moment later cannot
// slip through. IP literals skip lookup in Node, so they are checked apart.
import dns from "node:dns";
import net from "node:net";
import { blockedError, type OutboundError } from "@/lib/http/outbound/errors";
import { checkAddress, type OutboundPolicy } from "@/lib/http/outbound/policy";

export type ResolvedAddress = { address: string; family: number };
/** Resolves a host name to all its addresses; tests inject one to play a rebinding DNS server. */
export type Resolver = (hostname: string, options: { family: number; hints?: number }) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname, options) => dns.promises.lookup(hostname, { ...options, all: true });

function familyNumber(family: dns.LookupOptions["family"]): number {
  if (family === "IPv4") return 4;
  if (family === "IPv6") return 6;
  return family ?? 0;
}

function bare(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** The refusal for an IP-literal destination, or undefined when it is allowed or not a literal. */
export function checkLiteral(host: string, policy: OutboundPolicy): OutboundError | undefined {
  const address = bare(host);
  if (net.isIP(address) === 0) return undefined;
  const verdict = checkAddress(address, policy);
  return verdict.allowed ? undefined : blockedError({ host: address, address }, verdict.reason);
}

/** All addresses of `host`, each checked; any blocked one refuses the host (a name that also points at a metadata service is not trusted for its other addresses). */
export async function resolveChecked(host: string, policy: OutboundPolicy, options: { family?: number; hints?: number; resolve?: Resolver } = {}): Promise<ResolvedAddress[]> {
  const address = bare(host);
  const family = net.isIP(address);
  if (family !== 0) {
    const refused = checkLiteral(address, policy);
    if (refused) throw refused;
    return [{ address, family }];
  }
  const addresses = await (options.resolve ?? systemResolver)(address, { family: options.family ?? 0, ...(options.hints === undefined ? {} : { hints: options.hints }) });
  for (const resolved of addresses) {
    const verdict = checkAddress(resolved.address, policy, address);
    if (!verdict.allowed) throw blockedError({ host: address, address: resolved.address }, verdict.reason);
  }
  return addresses;
}

/** A `lookup` for net.connect / tls.connect / dgram sockets that refuses blocked addresses. */
export function checkedLookup(policy: OutboundPolicy, resolve?: Resolver): net.LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, policy, { family: familyNumber(options.family), hints: options.hints, resolve }).then(
      (addresses) => {
        if (options.all) return callback(null, addresses);
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
