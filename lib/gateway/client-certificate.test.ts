import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientCertificateOf, type ClientCertificateSource } from "@/lib/gateway/client-certificate";

const PEM = "-----BEGIN%20CERTIFICATE-----%0AMIIB...%0A-----END%20CERTIFICATE-----%0A";
const source: ClientCertificateSource = { header: "X-SSL-Client-Cert", trustedProxies: ["10.0.0.0/8", "127.0.0.1"] };

type FakeSocket = { remoteAddress?: string; encrypted?: boolean; authorized?: boolean; getPeerCertificate?: () => { raw?: Buffer } };

/** An IncomingMessage as far as clientCertificateOf reads one: headers (lower-cased, as node:http gives them) and the socket. */
const request = (socket: FakeSocket, headers: Record<string, string> = {}) => ({ socket, headers }) as unknown as IncomingMessage;

describe("clientCertificateOf", () => {
  it("believes the proxy's header only from a trusted address", () => {
    const headers = { "x-ssl-client-cert": PEM };
    expect(clientCertificateOf(request({ remoteAddress: "127.0.0.1" }, headers), source)).toBe(PEM);
    expect(clientCertificateOf(request({ remoteAddress: "10.1.2.3" }, headers), source)).toBe(PEM);
    expect(clientCertificateOf(request({ remoteAddress: "::ffff:10.1.2.3" }, headers), source)).toBe(PEM);
    expect(clientCertificateOf(request({ remoteAddress: "127.0.0.2" }, headers), source)).toBeNull();
    expect(clientCertificateOf(request({ remoteAddress: "192.168.1.1" }, headers), source)).toBeNull();
    expect(clientCertificateOf(request({}, headers), source)).toBeNull();
  });

  it("reads the configured header whatever the case of its configured name, and nothing without a source", () => {
    expect(clientCertificateOf(request({ remoteAddress: "127.0.0.1" }, { "x-ssl-client-cert": PEM }), { ...source, header: "x-ssl-client-cert" })).toBe(PEM);
    expect(clientCertificateOf(request({ remoteAddress: "127.0.0.1" }, { "x-client-cert": PEM }), source)).toBeNull();
    expect(clientCertificateOf(request({ remoteAddress: "127.0.0.1" }, { "x-ssl-client-cert": PEM }), undefined)).toBeNull();
  });

  it("takes a direct TLS connection's certificate, verified chain or not (RFC 8705 §3 binding needs none)", () => {
    const raw = Buffer.from("certificate DER");
    const tls = (authorized: boolean): FakeSocket => ({ remoteAddress: "192.168.1.1", encrypted: true, authorized, getPeerCertificate: () => ({ raw }) });
    expect(clientCertificateOf(request(tls(true)), undefined)).toBe(raw.toString("base64"));
    expect(clientCertificateOf(request(tls(false)), undefined)).toBe(raw.toString("base64"));
    // the connection's own certificate wins over a header, even a trusted proxy's
    expect(clientCertificateOf(request({ ...tls(true), remoteAddress: "127.0.0.1" }, { "x-ssl-client-cert": PEM }), source)).toBe(raw.toString("base64"));
  });

  it("falls back to the header when the TLS client presented no certificate", () => {
    const noCertificate: FakeSocket = { encrypted: true, authorized: false, getPeerCertificate: () => ({}) };
    expect(clientCertificateOf(request({ ...noCertificate, remoteAddress: "192.168.1.1" }, { "x-ssl-client-cert": PEM }), source)).toBeNull();
    expect(clientCertificateOf(request({ ...noCertificate, remoteAddress: "127.0.0.1" }, { "x-ssl-client-cert": PEM }), source)).toBe(PEM);
  });
});
