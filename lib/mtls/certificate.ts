// Client certificates as a TLS-terminating proxy forwards them, read with
// node:crypto's X509Certificate (no dependency: the enforcement SDK uses this
// file too). Accepted encodings, since proxies differ:
//   - URL-escaped PEM (nginx $ssl_client_escaped_cert, AWS ALB, Traefik);
//   - PEM whose line breaks became spaces or tabs (nginx $ssl_client_cert);
//   - Envoy's X-Forwarded-Client-Cert element Cert="<URL-escaped PEM>";
//   - bare base64 (or base64url) DER.
// The thumbprint is RFC 8705 §3.1's x5t#S256: base64url SHA-256 of the DER.
import crypto, { X509Certificate } from "node:crypto";

export class CertificateFormatError extends Error {}

const MAX_HEADER_CHARS = 16 * 1024;
const PEM = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;

function pemBody(text: string): string | null {
  const match = PEM.exec(text);
  return match ? match[1]!.replace(/[\s]+/g, "") : null;
}

/** The certificate in a forwarded header value; throws CertificateFormatError when it holds none. */
export function parseForwardedCertificate(value: string): X509Certificate {
  if (value.length > MAX_HEADER_CHARS) throw new CertificateFormatError("The forwarded client certificate is too long");
  let text = value.trim();
  const xfcc = /(?:^|[;,])\s*Cert="([^"]*)"/i.exec(text);
  if (xfcc) text = xfcc[1]!;
  if (text.includes("%")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw new CertificateFormatError("The forwarded client certificate is not valid URL-escaped PEM");
    }
  }
  const base64 = pemBody(text) ?? text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(base64)) throw new CertificateFormatError("The forwarded client certificate is neither PEM nor base64 DER");
  try {
    return new X509Certificate(Buffer.from(base64, /[-_]/.test(base64) ? "base64url" : "base64"));
  } catch {
    throw new CertificateFormatError("The forwarded client certificate is not an X.509 certificate");
  }
}

/** RFC 8705 x5t#S256 of a certificate. */
export function certificateThumbprint(certificate: X509Certificate): string {
  return crypto.createHash("sha256").update(certificate.raw).digest("base64url");
}

/** Whether `now` lies in the certificate's validity period; "expired" or "not_yet_valid" when not. */
export function validityProblem(certificate: X509Certificate, now = Date.now()): "expired" | "not_yet_valid" | null {
  if (Date.parse(certificate.validTo) < now) return "expired";
  if (Date.parse(certificate.validFrom) > now) return "not_yet_valid";
  return null;
}
