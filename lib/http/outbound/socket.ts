// The guard for raw sockets (syslog over TCP or UDP): the checked lookup to
// pass to net.connect after refusing a blocked IP literal (which sockets
// connect to without any lookup), or one checked address to send datagrams to.
import type net from "node:net";
import { checkedLookup, checkLiteral, resolveChecked, type ResolvedAddress } from "@/lib/http/outbound/lookup";
import type { OutboundPolicy } from "@/lib/http/outbound/policy";
import { outboundPolicy } from "@/lib/http/outbound/settings";

/** Throws the OutboundError for a blocked literal `host`; otherwise the lookup that checks what a name resolves to. */
export function guardedLookup(host: string, policy: OutboundPolicy = outboundPolicy()): net.LookupFunction {
  const refused = checkLiteral(host, policy);
  if (refused) throw refused;
  return checkedLookup(policy);
}

/** The first address of `host` once all of them passed the policy; the caller sends to this literal, so nothing is resolved again. */
export async function pinnedAddress(host: string, policy: OutboundPolicy = outboundPolicy()): Promise<ResolvedAddress> {
  const [first] = await resolveChecked(host, policy);
  if (!first) throw Object.assign(new Error(`${host} has no address`), { code: "ENOTFOUND" });
  return first;
}
