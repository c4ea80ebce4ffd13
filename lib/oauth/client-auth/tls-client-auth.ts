// Mutual-TLS client authentication (RFC 8705 §2): the TLS-terminating proxy
// verified that the client holds the certificate's private key and forwarded
// the certificate (lib/server/request-meta.ts believes it only from trusted
// proxies). tls_client_auth: issued by a CA in WARDEN_MTLS_CA_FILE and holding
// the registered subject DN or SAN. self_signed_tls_client_auth: the very
// certificate registered as x5c[0] of one of the client's usable keys.
// Both: inside its validity period.
import type { X509Certificate } from "node:crypto";
import { OAuthError } from "@/lib/oauth/errors";
import { clientRecord, usableKeys, type ClientKey, type ClientRecord } from "@/lib/oauth/lookups";
import { CertificateFormatError, certificateThumbprint, parseForwardedCertificate, validityProblem } from "@/lib/mtls/certificate";
import { subjectMatches } from "@/lib/mtls/subject-match";
import { issuingCa, trustedCas } from "@/lib/mtls/trusted-cas";

export type CertificateResult = { client: ClientRecord; key: ClientKey | null; thumbprint: string };
export type PresentedCertificate = { certificate: X509Certificate; thumbprint: string };

const refuse = (description: string) => new OAuthError("invalid_client", description);

const SUBJECT_LABELS = { subject_dn: "subject DN", san_dns: "DNS subjectAltName", san_uri: "URI subjectAltName", san_ip: "IP address subjectAltName", san_email: "email subjectAltName" } as const;

/** The forwarded certificate, parsed and inside its validity period; throws invalid_client saying what is wrong. */
export function presentedCertificate(header: string, now: number): PresentedCertificate {
  let certificate: X509Certificate;
  try {
    certificate = parseForwardedCertificate(header);
  } catch (error) {
    if (error instanceof CertificateFormatError) throw refuse(error.message);
    throw error;
  }
  const problem = validityProblem(certificate, now * 1000);
  if (problem === "expired") throw refuse(`The client certificate expired at ${new Date(Date.parse(certificate.validTo)).toISOString()}`);
  if (problem === "not_yet_valid") throw refuse(`The client certificate is not valid before ${new Date(Date.parse(certificate.validFrom)).toISOString()}`);
  return { certificate, thumbprint: certificateThumbprint(certificate) };
}

function registeredCertificateThumbprint(key: ClientKey): string | null {
  const x5c = (key.publicJwk as { x5c?: unknown }).x5c;
  if (!Array.isArray(x5c) || typeof x5c[0] !== "string") return null;
  return certificateThumbprint({ raw: Buffer.from(x5c[0], "base64") } as X509Certificate);
}

export async function authenticateWithCertificate(clientId: string, header: string | null, now: number): Promise<CertificateResult> {
  const client = await clientRecord(clientId);
  if (!client) throw refuse("Unknown client");
  if (client.authMethod !== "tls_client_auth" && client.authMethod !== "self_signed_tls_client_auth") {
    throw refuse(`This client is registered for ${client.authMethod}, not mutual TLS: authenticate with ${client.authMethod}`);
  }
  if (!header) throw refuse(`This client authenticates with ${client.authMethod}: connect through Warden's TLS-terminating proxy with the client certificate`);
  const { certificate, thumbprint } = presentedCertificate(header, now);
  let key: ClientKey | null = null;
  if (client.authMethod === "tls_client_auth") {
    const cas = trustedCas(now * 1000);
    if (cas.length === 0) throw refuse("Warden trusts no CA for tls_client_auth (WARDEN_MTLS_CA_FILE is unset or empty)");
    if (!issuingCa(certificate, cas, now * 1000)) throw refuse("The client certificate is not issued by a CA Warden trusts for tls_client_auth");
    const field = client.tlsSubjectField;
    if (!field || !client.tlsSubjectValue) throw refuse("This client has no registered certificate subject for tls_client_auth");
    if (!subjectMatches(certificate, field, client.tlsSubjectValue)) throw refuse(`The client certificate's ${SUBJECT_LABELS[field]} does not match the one registered for this client`);
  } else {
    key = usableKeys(client, new Date(now * 1000)).find((candidate) => registeredCertificateThumbprint(candidate) === thumbprint) ?? null;
    if (!key) throw refuse("The client certificate is not the certificate (x5c) of any active key of this client");
  }
  // only the certificate's holder learns the client's status
  if (client.status !== "active") throw refuse(`The client is ${client.status}`);
  return { client, key, thumbprint };
}
