// Security headers on every response Warden serves. Pages get a nonce-based CSP
// from proxy.ts that replaces the strict default set here; API responses keep
// the default, which allows nothing to load.
import type { ServerResponse } from "node:http";

export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The default security headers, lower-case names, in the order they are written. */
export function securityHeaderList(options: { https: boolean }): readonly (readonly [string, string])[] {
  return [
    ["content-security-policy", DEFAULT_CSP],
    ["x-content-type-options", "nosniff"],
    ["x-frame-options", "DENY"],
    ["referrer-policy", "no-referrer"],
    ["cross-origin-opener-policy", "same-origin"],
    ["cross-origin-resource-policy", "same-origin"],
    ["permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
    ...(options.https ? [["strict-transport-security", "max-age=63072000; includeSubDomains"] as const] : []),
  ];
}

/** Sets them on a response (Warden's server adds them as it writes: lib/server/warden-response.ts). */
export function applySecurityHeaders(res: ServerResponse, options: { https: boolean }): void {
  for (const [name, value] of securityHeaderList(options)) res.setHeader(name, value);
}
