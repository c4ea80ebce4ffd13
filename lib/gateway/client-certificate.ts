// The client certificate of a request to an MCP server, for certificate-bound
// tokens (RFC 8705 §3): from the TLS connection itself when the service
// terminates TLS, or from the header its own TLS-terminating proxy forwards —
// believed only when the connection comes from one of that proxy's addresses.
// No Next.js or database imports: usable from any Node service.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { trustedProxies, type TrustedProxies } from "@/lib/server/trusted-proxies";

export type ClientCertificateSource = {
  /** the header the proxy forwards the verified certificate in (nginx: X-SSL-Client-Cert $ssl_client_escaped_cert) */
  header: string;
  /** the proxy's addresses or CIDR ranges; the header from anywhere else is ignored */
  trustedProxies: readonly string[];
};

const compiled = new WeakMap<ClientCertificateSource, TrustedProxies>();

/** The certificate as the proxy forwarded it, base64 DER from a direct TLS connection, or null. */
export function clientCertificateOf(req: IncomingMessage, source: ClientCertificateSource | undefined): string | null {
  const socket = req.socket as Partial<TLSSocket>;
  if (socket.encrypted && typeof socket.getPeerCertificate === "function") {
    const peer = socket.getPeerCertificate();
    // not `socket.authorized`: binding needs no chain (RFC 8705 §3, self-signed certificates too), and the
    // handshake proved the client holds the key — a server with rejectUnauthorized: false sees authorized false
    if (peer && peer.raw) return peer.raw.toString("base64");
  }
  if (!source) return null;
  const value = req.headers[source.header.toLowerCase()];
  if (typeof value !== "string") return null;
  let trusted = compiled.get(source);
  if (!trusted) compiled.set(source, (trusted = trustedProxies(source.trustedProxies)));
  const address = req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "";
  return trusted.has(address) ? value : null;
}
