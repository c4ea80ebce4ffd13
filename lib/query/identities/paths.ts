// API paths of the registry, per kind and for every kind.
import { KIND_INFO, type IdentityKind } from "@/lib/identities/kinds";
import type { IdentityScope } from "@/lib/query/identities/keys";

export const identityCollectionPath = (scope: IdentityScope) => (scope === "all" ? "/api/v1/identities" : `/api/v1/${KIND_INFO[scope].plural}`);
export const identityPath = (kind: IdentityKind, id: string) => `/api/v1/${KIND_INFO[kind].plural}/${encodeURIComponent(id)}`;
export const identityActionPath = (id: string, action: string) => `/api/v1/identities/${encodeURIComponent(id)}/${action}`;
