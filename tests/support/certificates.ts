// X.509 certificates made by tests (CAs, client certificates, self-signed
// ones), with @peculiar/x509 over node:crypto's WebCrypto: node:crypto reads
// certificates but cannot write them. Keys are ECDSA P-256.
import "reflect-metadata";
import { webcrypto, X509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { exportJWK, type JWK } from "jose";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY = 86_400_000;

export type Certified = {
  /** PEM certificate */
  pem: string;
  /** standard base64 DER (an x5c entry) */
  der: string;
  /** PKCS#8 PEM private key (for a TLS client) */
  keyPem: string;
  keys: CryptoKeyPair;
  /** the public JWK (ES256) */
  jwk: JWK;
  node: X509Certificate;
};

export type SanEntry = { type: "dns" | "url" | "ip" | "email"; value: string };

type Options = { subject: string; san?: SanEntry[]; notBefore?: Date; notAfter?: Date; ca?: boolean };

let serial = 1;

async function finish(certificate: x509.X509Certificate, keys: CryptoKeyPair): Promise<Certified> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey as webcrypto.CryptoKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64").replace(/(.{64})/g, "$1\n").trimEnd()}\n-----END PRIVATE KEY-----\n`;
  const jwk = { ...(await exportJWK(keys.publicKey)), alg: "ES256" };
  const pem = certificate.toString("pem");
  return { pem, der: Buffer.from(certificate.rawData).toString("base64"), keyPem, keys, jwk, node: new X509Certificate(pem) };
}

function extensions(options: Options, keys: CryptoKeyPair) {
  const list: x509.Extension[] = [new x509.BasicConstraintsExtension(options.ca ?? false, undefined, true)];
  list.push(new x509.KeyUsagesExtension(options.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true));
  if (options.san?.length) list.push(new x509.SubjectAlternativeNameExtension(options.san));
  void keys;
  return list;
}

export async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as unknown as CryptoKeyPair;
}

/** A self-signed certificate: a CA (ca: true) or a client's own certificate. */
export async function selfSigned(options: Options & { keys?: CryptoKeyPair }): Promise<Certified> {
  const keys = options.keys ?? (await generateKeys());
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: (serial++).toString(16).padStart(2, "0"),
    name: options.subject,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 30 * DAY),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: extensions(options, keys),
  });
  return finish(certificate, keys);
}

/** A certificate issued by `issuer` (a CA made with selfSigned({ ca: true })). */
export async function issue(issuer: Certified, options: Options & { keys?: CryptoKeyPair }): Promise<Certified> {
  const keys = options.keys ?? (await generateKeys());
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(2, "0"),
    subject: options.subject,
    issuer: new x509.X509Certificate(issuer.pem).subject,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 30 * DAY),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: extensions(options, keys),
  });
  return finish(certificate, keys);
}

/** What nginx puts in $ssl_client_escaped_cert: the PEM, URL-escaped. */
export function escapedPem(certified: Certified): string {
  return encodeURIComponent(certified.pem);
}
