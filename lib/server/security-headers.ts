// Security headers on every response Warden serves. Pages get a nonce-based CSP
// from proxy.ts that replaces the strict default set here; API responses keep
// the default, which allows nothing to load.
import type { ServerResponse } from "node:http";

export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function applySecurityHeaders(res: ServerResponse, options: { https: boolean }): void {
  res.setHeader("content-security-policy", DEFAULT_CSP);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cross-origin-opener-policy", "same-origin");
  res.setHeader("cross-origin-resource-policy", "same-origin");
  res.setHeader("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  if (options.https) res.setHeader("strict-transport-security", "max-age=63072000; includeSubDomains");
}
