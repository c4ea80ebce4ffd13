// How a client authenticates (RFC 7591 token_endpoint_auth_method) and, for
// agents, how its tokens are bound — resolved from a registration or change
// into columns, and checked together, since the fields constrain each other:
// tls_client_auth needs the certificate field it matches; a CA-issued
// certificate says nothing about where the key lives, so it cannot meet a
// hardware-bound-keys requirement; attestation is for agents.
import { isIP } from "node:net";
import { invalid } from "@/lib/errors/app-error";
import type { IdentityKind } from "@/lib/identities/kinds";
import type { CLIENT_AUTH_METHODS, TLS_SUBJECT_FIELDS, TOKEN_BINDINGS } from "@/lib/identities/schemas";

type Method = (typeof CLIENT_AUTH_METHODS)[number];
type Field = (typeof TLS_SUBJECT_FIELDS)[number];
type Binding = (typeof TOKEN_BINDINGS)[number];

export type ClientSettingsInput = {
  authMethod?: Method;
  tlsClientAuth?: { field: Field; value: string } | null;
  tokenBinding?: Binding;
  dpopRequired?: boolean;
  hardwareKeysRequired?: boolean;
};

export type ClientColumns = {
  authMethod?: Method;
  tlsSubjectField?: Field | null;
  tlsSubjectValue?: string | null;
  tokenBinding?: Binding;
  hardwareKeysRequired?: boolean;
};

type Current = { authMethod: Method; tlsSubjectField: Field | null; tlsSubjectValue: string | null; hardwareKeysRequired: boolean };
const REGISTERED_DEFAULTS: Current = { authMethod: "private_key_jwt", tlsSubjectField: null, tlsSubjectValue: null, hardwareKeysRequired: false };

/** Why a tls_client_auth value cannot appear in that certificate field, or null. */
function valueProblem(field: Field, value: string): string | null {
  switch (field) {
    case "subject_dn":
      return /^[A-Za-z][A-Za-z0-9.-]*=/.test(value) ? null : "an RFC 4514 distinguished name such as CN=agent,O=Example";
    case "san_dns":
      return /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(value) ? null : "a DNS name such as agent.example.com";
    case "san_uri":
      return URL.canParse(value) ? null : "an absolute URI such as spiffe://example.com/agent";
    case "san_ip":
      return isIP(value) ? null : "an IPv4 or IPv6 address";
    case "san_email":
      return /^[^\s@]+@[^\s@]+$/.test(value) ? null : "an email address";
  }
}

export function resolveClientSettings(kind: IdentityKind, input: ClientSettingsInput, before: Current | null): ClientColumns {
  const columns: ClientColumns = {};
  if (input.tokenBinding !== undefined && input.dpopRequired !== undefined && (input.tokenBinding === "dpop") !== input.dpopRequired) {
    throw invalid("tokenBinding and dpopRequired disagree; send tokenBinding only", [{ path: "dpopRequired", message: "deprecated: use tokenBinding" }]);
  }
  if (input.tokenBinding !== undefined) columns.tokenBinding = input.tokenBinding;
  else if (input.dpopRequired !== undefined) columns.tokenBinding = input.dpopRequired ? "dpop" : "bearer";
  if (input.hardwareKeysRequired !== undefined) columns.hardwareKeysRequired = input.hardwareKeysRequired;

  const current = before ?? REGISTERED_DEFAULTS;
  const method = input.authMethod ?? current.authMethod;
  if (input.authMethod !== undefined) columns.authMethod = input.authMethod;
  if (method === "attest_jwt_client_auth" && kind !== "agent") throw invalid("Attestation-based client authentication is for agents", [{ path: "authMethod", message: "agents only" }]);

  if (method === "tls_client_auth") {
    const tls = input.tlsClientAuth !== undefined ? input.tlsClientAuth : current.tlsSubjectField && current.tlsSubjectValue ? { field: current.tlsSubjectField, value: current.tlsSubjectValue } : null;
    if (!tls) throw invalid("tls_client_auth needs tlsClientAuth: the certificate field and the value it must hold", [{ path: "tlsClientAuth", message: "required for tls_client_auth" }]);
    const problem = valueProblem(tls.field, tls.value);
    if (problem) throw invalid(`tlsClientAuth.value must be ${problem}`, [{ path: "tlsClientAuth.value", message: `not ${problem}` }]);
    columns.tlsSubjectField = tls.field;
    columns.tlsSubjectValue = tls.value;
  } else if (input.tlsClientAuth) {
    throw invalid("tlsClientAuth applies only to authMethod tls_client_auth", [{ path: "tlsClientAuth", message: "only with tls_client_auth" }]);
  } else if (current.tlsSubjectField !== null || input.tlsClientAuth === null) {
    columns.tlsSubjectField = null;
    columns.tlsSubjectValue = null;
  }

  const hardware = input.hardwareKeysRequired ?? current.hardwareKeysRequired;
  if (hardware && method === "tls_client_auth") {
    throw invalid("A CA-issued certificate does not show that a key is hardware-bound: use attest_jwt_client_auth, or private_key_jwt with keys registered with an attestation", [{ path: "authMethod", message: "cannot meet hardwareKeysRequired" }]);
  }
  return columns;
}
