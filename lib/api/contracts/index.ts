// Every management endpoint. The OpenAPI document is generated from this list,
// and a test fails when a route file under app/api/v1 has no contract here.
import type { Contract } from "@/lib/api/contract";
import * as apiTokens from "@/lib/api/contracts/api-tokens";
import * as audit from "@/lib/api/contracts/audit";
import * as me from "@/lib/api/contracts/me";
import * as meta from "@/lib/api/contracts/meta";
import * as servers from "@/lib/api/contracts/servers";
import * as users from "@/lib/api/contracts/users";

export const CONTRACTS: Contract[] = [me, users, apiTokens, servers, audit, meta].flatMap((group) =>
  Object.values(group).filter((value): value is Contract => typeof value === "object" && value !== null && "operationId" in value),
);
