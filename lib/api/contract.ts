// An endpoint contract: method, path, the permission it needs and the zod
// schemas of its inputs and output. Route handlers are built from contracts
// (lib/api/handle.ts) and the OpenAPI document is generated from the same list
// (lib/api/openapi.ts), so neither can drift from the code. `permission` is
// required: an endpoint without an access rule does not compile.
import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import type { ErrorCode } from "@/lib/errors/codes";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A permission from the catalog, any signed-in principal, or no authentication at all. */
export type Access = Permission | "authenticated" | "public";

export type Contract<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
  TAccess extends Access = Access,
> = {
  operationId: string;
  method: Method;
  /** OpenAPI-style path, e.g. /api/v1/users/{id} */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  permission: TAccess;
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  response: { status: 200 | 201; description: string; schema: TResponse };
  /** Error codes this endpoint can answer with, beyond the ones every endpoint has. */
  errors?: ErrorCode[];
  /** Reachable by a session whose temporary password must still be changed. */
  allowDuringPasswordChange?: boolean;
};

export function defineContract<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
  const TAccess extends Access = Access,
>(contract: Contract<TParams, TQuery, TBody, TResponse, TAccess>): Contract<TParams, TQuery, TBody, TResponse, TAccess> {
  return contract;
}
