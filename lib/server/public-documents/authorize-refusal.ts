// GET|POST /oauth/authorize — Warden has no interactive (authorization code)
// flow: agents use client_credentials and servers use token exchange. The
// endpoint exists because MCP clients require authorization_endpoint in the
// server metadata; it refuses every request with RFC 6749 §4.1.2.1's error,
// never redirects (no redirect_uri is registered, so none can be trusted).
// Served by the Next.js route file and by machine-plane instances.
import { jsonResponse } from "@/lib/oauth/errors";
import { toWebResponse } from "@/lib/oauth/web";

export function authorizeRefusal(): Response {
  return toWebResponse(
    jsonResponse(400, {
      error: "unsupported_response_type",
      error_description: "Warden has no interactive authorization: agents use client_credentials with private_key_jwt, MCP servers use token exchange",
    }),
  );
}
