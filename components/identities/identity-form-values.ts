// The registry form's values (one flat shape for every kind, as typed in the browser) and the
// request bodies built from them: a registration, or an update with only the changed fields.
import type { Path } from "react-hook-form";
import { fieldMap, parseTags } from "@/components/identities/form-support";
import type { EnvironmentName, IdentityKind, ServerTransportName } from "@/lib/identities/kinds";
import type { RegisterInput, TIdentity, UpdateInput } from "@/lib/identities/schemas";

export type IdentityFormValues = {
  name: string;
  slug: string;
  description: string;
  environment: EnvironmentName;
  ownerId: string;
  /** "" for none */
  backupOwnerId: string;
  /** comma-separated */
  tagsText: string;
  /** "" for the default (admins only) */
  riskTier: TIdentity["riskTier"] | "";
  resourceUri: string;
  transport: ServerTransportName;
  sourceRepository: string;
  registryName: string;
  tokenBinding: NonNullable<TIdentity["tokenBinding"]>;
  hardwareKeysRequired: boolean;
  authMethod: TIdentity["authMethod"];
  tlsField: NonNullable<TIdentity["tlsClientAuth"]>["field"];
  tlsValue: string;
  tokenLifetimeSeconds: string;
  audienceUri: string;
  frontsAllServers: boolean;
  serverIds: string[];
};

const FIELDS = [
  "name",
  "slug",
  "description",
  "environment",
  "ownerId",
  "backupOwnerId",
  "tagsText",
  "riskTier",
  "resourceUri",
  "transport",
  "sourceRepository",
  "registryName",
  "tokenBinding",
  "hardwareKeysRequired",
  "authMethod",
  "tlsField",
  "tlsValue",
  "tokenLifetimeSeconds",
  "audienceUri",
  "frontsAllServers",
  "serverIds",
] as const satisfies readonly Path<IdentityFormValues>[];

export const identityFieldOf = fieldMap<IdentityFormValues>(FIELDS, { tags: "tagsText", tlsClientAuth: "tlsValue", dpopRequired: "tokenBinding" });

export function newIdentityFormValues(ownerId: string): IdentityFormValues {
  return {
    name: "",
    slug: "",
    description: "",
    environment: "development",
    ownerId,
    backupOwnerId: "",
    tagsText: "",
    riskTier: "",
    resourceUri: "",
    transport: "streamable-http",
    sourceRepository: "",
    registryName: "",
    tokenBinding: "dpop",
    hardwareKeysRequired: false,
    authMethod: "private_key_jwt",
    tlsField: "subject_dn",
    tlsValue: "",
    tokenLifetimeSeconds: "300",
    audienceUri: "",
    frontsAllServers: false,
    serverIds: [],
  };
}

export function identityFormValues(identity: TIdentity): IdentityFormValues {
  return {
    name: identity.name,
    slug: identity.slug,
    description: identity.description ?? "",
    environment: identity.environment,
    ownerId: identity.owner.id,
    backupOwnerId: identity.backupOwner?.id ?? "",
    tagsText: identity.tags.join(", "),
    riskTier: identity.riskTier,
    resourceUri: identity.kind === "server" ? (identity.resourceUri ?? "") : "",
    transport: identity.transport ?? "streamable-http",
    sourceRepository: identity.sourceRepository ?? "",
    registryName: identity.registryName ?? "",
    tokenBinding: identity.tokenBinding ?? "dpop",
    hardwareKeysRequired: identity.hardwareKeysRequired ?? false,
    authMethod: identity.authMethod,
    tlsField: identity.tlsClientAuth?.field ?? "subject_dn",
    tlsValue: identity.tlsClientAuth?.value ?? "",
    tokenLifetimeSeconds: String(identity.tokenLifetimeSeconds ?? 300),
    audienceUri: identity.kind === "resource" ? (identity.resourceUri ?? "") : "",
    frontsAllServers: identity.frontsAllServers ?? false,
    serverIds: identity.frontedServerIds ?? [],
  };
}

const optional = (text: string) => text.trim() || undefined;
/** Empty means the default (or no change); anything else must be a number (the schema refuses NaN). */
const seconds = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text));

function kindFields(kind: IdentityKind, v: IdentityFormValues) {
  switch (kind) {
    case "server":
      return { resourceUri: v.resourceUri.trim(), transport: v.transport, sourceRepository: optional(v.sourceRepository), registryName: optional(v.registryName) };
    case "agent":
      return { tokenBinding: v.tokenBinding, hardwareKeysRequired: v.hardwareKeysRequired, tokenLifetimeSeconds: seconds(v.tokenLifetimeSeconds) };
    case "resource":
      return { audienceUri: v.audienceUri.trim() };
    case "gateway":
      return { frontsAllServers: v.frontsAllServers, serverIds: v.frontsAllServers ? [] : v.serverIds };
  }
}

/** How the client authenticates; the certificate subject only for tls_client_auth. */
function clientFields(v: IdentityFormValues) {
  return { authMethod: v.authMethod, tlsClientAuth: v.authMethod === "tls_client_auth" ? { field: v.tlsField, value: v.tlsValue.trim() } : undefined };
}

export function toRegisterBody(kind: IdentityKind, v: IdentityFormValues, canManageAny: boolean): RegisterInput<IdentityKind> {
  const tags = parseTags(v.tagsText);
  return {
    name: v.name,
    slug: optional(v.slug),
    description: optional(v.description),
    environment: v.environment,
    ownerId: v.ownerId,
    backupOwnerId: v.backupOwnerId || undefined,
    tags: tags.length > 0 ? tags : undefined,
    riskTier: canManageAny && v.riskTier ? v.riskTier : undefined,
    ...kindFields(kind, v),
    ...clientFields(v),
  } as RegisterInput<IdentityKind>;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

/** Only what differs from the identity; an empty body is refused by the schema ("Change at least one field"). */
export function toUpdateBody(kind: IdentityKind, v: IdentityFormValues, before: TIdentity, canManageAny: boolean): UpdateInput<IdentityKind> {
  const was = identityFormValues(before);
  const body: Record<string, unknown> = {};
  if (v.name.trim() !== was.name) body.name = v.name;
  if (v.description.trim() !== was.description) body.description = v.description.trim() || null;
  if (v.environment !== was.environment) body.environment = v.environment;
  if (v.backupOwnerId !== was.backupOwnerId) body.backupOwnerId = v.backupOwnerId || null;
  const tags = parseTags(v.tagsText);
  if (!sameSet(tags.map((tag) => tag.toLowerCase()), before.tags)) body.tags = tags;
  if (canManageAny && v.riskTier && v.riskTier !== was.riskTier) body.riskTier = v.riskTier;
  if (v.authMethod !== was.authMethod) body.authMethod = v.authMethod;
  const tls = clientFields(v).tlsClientAuth;
  if (tls && JSON.stringify(tls) !== JSON.stringify(clientFields(was).tlsClientAuth)) body.tlsClientAuth = tls;
  const after = kindFields(kind, v) as Record<string, unknown>;
  const previous = kindFields(kind, was) as Record<string, unknown>;
  for (const [key, value] of Object.entries(after)) {
    const old = previous[key];
    const changed = Array.isArray(value) && Array.isArray(old) ? !sameSet(value as string[], old as string[]) : value !== old;
    if (!changed) continue;
    // a cleared optional text field is sent as null, which removes it
    if (value !== undefined) body[key] = value;
    else if (key === "sourceRepository" || key === "registryName") body[key] = null;
  }
  return body as UpdateInput<IdentityKind>;
}
