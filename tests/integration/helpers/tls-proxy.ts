// A TLS-terminating reverse proxy as nginx is configured in front of Warden for
// mutual TLS (docs/guides/mtls.md):
//   ssl_verify_client optional_no_ca;
//   proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert;
//   proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
// It asks every client for a certificate but accepts any (Warden, not the
// proxy, decides which CAs to trust); the TLS handshake still proves the client
// holds the certificate's private key. A certificate header the client sent
// itself is always dropped. Bodies stream both ways.
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";

export type TlsProxyOptions = {
  /** the proxy's own certificate and key (PEM) */
  key: string;
  cert: string;
  /** the http origin to forward to, e.g. http://127.0.0.1:3000 */
  upstream: string;
  /** the header the certificate is forwarded in (default x-ssl-client-cert) */
  header?: string;
};

export type TlsProxy = {
  /** https://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
};

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];

/** The DER certificate as PEM, 64 characters a line. */
export function derToPem(der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

export async function startTlsProxy(options: TlsProxyOptions): Promise<TlsProxy> {
  const header = (options.header ?? "x-ssl-client-cert").toLowerCase();
  const upstream = new URL(options.upstream);
  const server = https.createServer({ key: options.key, cert: options.cert, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const headers: http.OutgoingHttpHeaders = { ...req.headers };
    for (const name of [...HOP_BY_HOP, header]) delete headers[name];
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    // no certificate: an empty object (nginx: $ssl_client_escaped_cert is empty, the header not sent)
    if (peer && peer.raw) headers[header] = encodeURIComponent(derToPem(peer.raw));
    const address = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
    const forwarded = req.headers["x-forwarded-for"];
    headers["x-forwarded-for"] = forwarded ? `${Array.isArray(forwarded) ? forwarded.join(", ") : forwarded}, ${address}` : address;
    headers["x-forwarded-proto"] = "https";
    const outgoing = http.request({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false }, (answer) => {
      const back = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete back[name];
      res.writeHead(answer.statusCode ?? 502, back);
      answer.pipe(res);
    });
    outgoing.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("Bad gateway");
    });
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
