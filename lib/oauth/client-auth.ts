// Client authentication at the token, introspection and revocation endpoints.
// Which method a request uses is read from what it carries — client
// attestation headers (attest_jwt_client_auth), a client_assertion
// (private_key_jwt), or a client_id with a client certificate from a trusted
// TLS-terminating proxy (tls_client_auth, self_signed_tls_client_auth) — and
// must be the method the client is registered for (RFC 8705 §2). Then, for
// clients whose keys must be hardware-bound, the key that authenticated must
// be attested as such. The result says which key authenticated and how it is
// protected, so tokens can record it (amr) and be bound to the certificate.
import { ISSUER } from "@/lib/oauth/config";
import type { SingleUseValue } from "@/lib/oauth/commit-batch";
import { ATTESTATION_HEADER, ATTESTATION_POP_HEADER, authenticateWithAttestation } from "@/lib/oauth/attestation/authenticate-attestation";
import { hardwareKeysRequired } from "@/lib/oauth/attestation/hardware-policy";
import { verifyClientAssertion } from "@/lib/oauth/client-auth/private-key-jwt";
import { authenticateWithCertificate, presentedCertificate } from "@/lib/oauth/client-auth/tls-client-auth";
import { OAuthError } from "@/lib/oauth/errors";
import { clientRecord, usableKeys, type ClientKey, type ClientRecord } from "@/lib/oauth/lookups";
import type { Form, OAuthRequest } from "@/lib/oauth/request";

export type ClientAuthMethod = ClientRecord["authMethod"];

export type AuthenticatedClient = {
  id: string;
  kind: ClientRecord["kind"];
  clientId: string;
  name: string;
  tokenBinding: ClientRecord["tokenBinding"];
  tokenLifetimeSeconds: number | null;
  resourceUri: string | null;
  frontsAllServers: boolean;
  /** RFC 7638 thumbprints of the client's usable registered keys */
  keyThumbprints: string[];
  method: ClientAuthMethod;
  /** the registered key that authenticated (null: a CA-issued certificate, or an attested instance key not registered) */
  kid: string | null;
  /** where the authenticating key lives, as shown by an attestation (RFC 8176 amr hwk / swk) */
  keyProtection: "hardware" | "software";
  attesterId: string | null;
  /** the client certificate the proxy forwarded, valid now: what an mTLS-bound token is bound to (RFC 8705 §3) */
  certificate: { thumbprint: string } | null;
  /** why a forwarded certificate cannot bind a token, when one was forwarded but is unusable */
  certificateProblem: string | null;
  singleUse: SingleUseValue[];
};

const refuse = (description: string) => new OAuthError("invalid_client", description);

type Verified = { client: ClientRecord; key: ClientKey | null; method: ClientAuthMethod; keyProtection: "hardware" | "software"; attesterId: string | null; certificateThumbprint: string | null; singleUse: SingleUseValue[] };

async function verify(request: OAuthRequest, form: Form, now: number): Promise<Verified> {
  if (request.header(ATTESTATION_HEADER) !== null || request.header(ATTESTATION_POP_HEADER) !== null) {
    const attested = await authenticateWithAttestation(request, form, now);
    return { client: attested.client, key: attested.key, method: "attest_jwt_client_auth", keyProtection: attested.keyProtection, attesterId: attested.attesterId, certificateThumbprint: null, singleUse: attested.singleUse };
  }
  if (form.has("client_assertion") || form.has("client_assertion_type")) {
    const { client, key, singleUse } = await verifyClientAssertion(form, now);
    return { client, key, method: "private_key_jwt", keyProtection: key.protection, attesterId: key.attesterId, certificateThumbprint: null, singleUse: [singleUse] };
  }
  const clientId = form.get("client_id");
  if (clientId && request.clientCertificate !== null) {
    const { client, key, thumbprint } = await authenticateWithCertificate(clientId, request.clientCertificate, now);
    return { client, key, method: client.authMethod, keyProtection: key?.protection ?? "software", attesterId: key?.attesterId ?? null, certificateThumbprint: thumbprint, singleUse: [] };
  }
  if (clientId) {
    const client = await clientRecord(clientId);
    if (client && (client.authMethod === "tls_client_auth" || client.authMethod === "self_signed_tls_client_auth")) {
      throw refuse(`This client authenticates with ${client.authMethod}: connect through Warden's TLS-terminating proxy and present the client certificate`);
    }
  }
  throw refuse("Authenticate with private_key_jwt (client_assertion_type and client_assertion), mutual TLS (client_id and a client certificate) or client attestation (OAuth-Client-Attestation headers)");
}

export async function authenticateClient(request: OAuthRequest, form: Form, now = Math.floor(Date.now() / 1000)): Promise<AuthenticatedClient> {
  const authorization = request.header("authorization");
  if (authorization) {
    // RFC 6749 §5.2: a client that tried the Authorization header gets a challenge in its scheme
    const scheme = /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*/.exec(authorization)?.[0] ?? "Basic";
    throw new OAuthError("invalid_client", "Warden does not accept client secrets: authenticate with private_key_jwt, mutual TLS or client attestation", { "www-authenticate": `${scheme} realm="${ISSUER()}", error="invalid_client"` });
  }
  if (form.has("client_secret")) throw refuse("Warden does not accept client secrets: authenticate with private_key_jwt, mutual TLS or client attestation");
  const verified = await verify(request, form, now);
  const { client } = verified;
  if (verified.method !== client.authMethod) throw refuse(`This client is registered for ${client.authMethod}; it cannot authenticate with ${verified.method}`);
  if (verified.keyProtection !== "hardware" && (await hardwareKeysRequired(client))) {
    throw refuse("This agent's keys must be attested as hardware-bound: authenticate with attest_jwt_client_auth through a trusted attester, or with a key registered with a hardware attestation");
  }

  // an mTLS-bound token needs a certificate; with the other methods it may come along (RFC 8705 §3)
  let certificate = verified.certificateThumbprint ? { thumbprint: verified.certificateThumbprint } : null;
  let certificateProblem: string | null = null;
  if (!certificate && request.clientCertificate !== null) {
    try {
      certificate = { thumbprint: presentedCertificate(request.clientCertificate, now).thumbprint };
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      certificateProblem = error.description;
    }
  }
  return {
    id: client.id,
    kind: client.kind,
    clientId: client.clientId ?? client.id,
    name: client.name,
    tokenBinding: client.tokenBinding,
    tokenLifetimeSeconds: client.tokenLifetimeSeconds,
    resourceUri: client.resourceUri,
    frontsAllServers: client.frontsAllServers,
    keyThumbprints: usableKeys(client, new Date(now * 1000)).map((key) => key.thumbprint),
    method: verified.method,
    kid: verified.key?.kid ?? null,
    keyProtection: verified.keyProtection,
    attesterId: verified.attesterId,
    certificate,
    certificateProblem,
    singleUse: verified.singleUse,
  };
}
