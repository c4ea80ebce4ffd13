// Stamps every incoming request before any handler sees it: a request id
// (kept if the caller sent a well-formed one), and the client address taken
// from the socket — or, only when the socket is a configured trusted proxy,
// from X-Forwarded-For. A client-sent x-warden-client-ip is always discarded.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { CLIENT_IP_HEADER, newRequestId, REQUEST_ID_HEADER } from "@/lib/http/request-context";
import type { TrustedProxies } from "@/lib/server/trusted-proxies";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function normalizeAddress(address: string | undefined): string | null {
  if (!address) return null;
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

export function clientAddress(socketAddress: string | null, forwardedFor: string | undefined, trustedProxies: TrustedProxies): string | null {
  if (!socketAddress || !forwardedFor || !trustedProxies.has(socketAddress)) return socketAddress;
  // Walk from the nearest hop outwards; the first address that is not one of
  // our proxies is the client.
  const hops = forwardedFor.split(",").map((hop) => normalizeAddress(hop.trim())).filter((hop): hop is string => Boolean(hop) && isIP(hop!) !== 0);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    if (!trustedProxies.has(hops[index]!)) return hops[index]!;
  }
  return hops[0] ?? socketAddress;
}

export function stampRequest(req: IncomingMessage, trustedProxies: TrustedProxies): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : newRequestId();
  req.headers[REQUEST_ID_HEADER] = requestId;
  const forwarded = req.headers["x-forwarded-for"];
  const ip = clientAddress(normalizeAddress(req.socket.remoteAddress), Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustedProxies);
  // delete only when present: deleting a property makes every later header read slower
  if (ip) req.headers[CLIENT_IP_HEADER] = ip;
  else if (CLIENT_IP_HEADER in req.headers) delete req.headers[CLIENT_IP_HEADER];
  // the response carries it too: added as the response is written (lib/server/warden-response.ts)
  return requestId;
}
