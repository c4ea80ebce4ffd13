// Contracts: the enforcement fleet (gateways and reporting MCP servers).
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { ZCursorQuery, zPage } from "@/lib/pagination";

const ZFleetMember = z.object({
  id: z.string(),
  kind: z.enum(["gateway", "server"]),
  name: z.string(),
  status: z.string(),
  revision: z.number().int().nullable().describe("The policy bundle revision it reported enforcing"),
  lag: z.number().int().nullable().describe("How many revisions behind Warden's current one"),
  lastFetchAt: z.iso.datetime().nullable(),
  reportedAt: z.iso.datetime().nullable(),
  errors: z.array(z.object({ at: z.string(), message: z.string(), reason: z.string().optional() })),
  version: z.string().nullable(),
  stale: z.boolean().describe("No report within staleAfterSeconds"),
});

const ZFleet = z.object({ currentRevision: z.number().int(), staleAfterSeconds: z.number().int(), items: z.array(ZFleetMember), truncated: z.boolean() });
export type TFleet = z.infer<typeof ZFleet>;
export type TFleetMember = z.infer<typeof ZFleetMember>;

export const listFleetContract = defineContract({
  operationId: "listEnforcementFleet",
  method: "GET",
  path: "/api/v1/gateways/fleet",
  tag: "Policy distribution",
  summary: "Gateways and MCP servers that enforce policy: the revision each enforces, its lag, last report and errors",
  permission: "identities:read",
  response: {
    status: 200,
    description: "The fleet, stale and lagging members first",
    schema: ZFleet,
  },
});

const ZRevocation = z.object({
  id: z.string(),
  subjectType: z.enum(["identity", "key", "grant", "token"]),
  subjectId: z.string(),
  identity: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  reason: z.string(),
  campaign: z.object({ id: z.string(), itemId: z.string() }).nullable().describe("The recertification campaign item whose decision (or deadline policy) caused it"),
  revokedAt: z.iso.datetime(),
  revision: z.number().int().nullable().describe("The first policy revision that contains the revocation"),
  reach: z
    .object({ reached: z.number().int(), total: z.number().int() })
    .nullable()
    .describe("Of the active gateways fronting an affected server, how many enforce a revision that contains it; null when no server is affected"),
});
export type TRevocationRow = z.infer<typeof ZRevocation>;

export const listRevocationsContract = defineContract({
  operationId: "listRevocations",
  method: "GET",
  path: "/api/v1/revocations",
  tag: "Policy distribution",
  summary: "Revocations of identities, keys, grants and access tokens, newest first, with how many gateways enforce each",
  permission: "identities:read",
  query: ZCursorQuery,
  response: { status: 200, description: "A page of revocations", schema: zPage(ZRevocation) },
});
