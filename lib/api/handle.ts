// Builds a Next.js route handler from a contract. Each request goes through the
// same short list of steps: context → authenticate → CSRF (cookie sessions) →
// permission → parse params, query and body → run the domain operation →
// validate and strip the response → map errors to problem+json.
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { normalizeError, zodIssues } from "@/lib/errors/normalize";
import { assertSameOrigin } from "@/lib/http/csrf";
import { problemResponse } from "@/lib/http/problem";
import { readJsonBody } from "@/lib/http/read-body";
import { contextFromHeaders } from "@/lib/http/request-context";
import { logger } from "@/lib/log";
import type { Access, Contract } from "@/lib/api/contract";
import { unstorableText } from "@/lib/api/storable-text";

// [..] stops the conditional from distributing over `undefined` of optional schemas.
type Output<T> = [NonNullable<T>] extends [never] ? undefined : NonNullable<T> extends z.ZodType ? z.output<NonNullable<T>> : undefined;

export type HandlerInput<C extends Contract> = {
  actor: C["permission"] extends "public" ? Actor | null : Actor;
  params: Output<C["params"]>;
  query: Output<C["query"]>;
  body: Output<C["body"]>;
  context: RequestContext;
  request: Request;
};

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (request: Request, routeContext: RouteContext) => Promise<Response>;

// Body problems name the field as sent ("resourceUri"), the way domain
// functions report theirs; query and path problems say where ("query.limit").
function parseWith<T extends z.ZodType>(schema: T, value: unknown, location: "path" | "query" | "body"): z.output<T> {
  const label = location === "body" ? "request body" : location === "path" ? "path" : "query string";
  const prefix = location === "body" ? [] : [location];
  const unstorable = unstorableText(value);
  if (unstorable) throw new AppError("validation_failed", `The ${label} is not valid`, { issues: [{ path: [...prefix, ...unstorable.path].join(".") || "(root)", message: unstorable.message }] });
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("validation_failed", `The ${label} is not valid`, { issues: zodIssues(result.error, prefix) });
  return result.data;
}

async function authorize(request: Request, access: Access): Promise<Actor | null> {
  if (access === "public") return null;
  const auth = await authenticateRequest(request.headers);
  if (auth.status === "invalid") throw new AppError("unauthenticated", auth.message, { headers: { "www-authenticate": 'Bearer error="invalid_token"' } });
  if (auth.status === "anonymous") throw new AppError("unauthenticated", "Sign in or send an API token", { headers: { "www-authenticate": "Bearer" } });
  if (auth.via === "session") assertSameOrigin(request);
  if (access !== "authenticated" && !can(auth.actor, access)) {
    throw new AppError("forbidden", `This requires the ${access} permission`);
  }
  return Object.assign(auth.actor, { mustChangePassword: auth.mustChangePassword });
}

export function handle<C extends Contract>(contract: C, run: (input: HandlerInput<C>) => Promise<z.input<C["response"]["schema"]> | Response>): RouteHandler {
  return async (request, routeContext) => {
    const context = contextFromHeaders(request.headers);
    const instance = new URL(request.url).pathname;
    try {
      const actor = await authorize(request, contract.permission);
      if (actor && (actor as Actor & { mustChangePassword?: boolean }).mustChangePassword && !contract.allowDuringPasswordChange) {
        throw new AppError("forbidden", "Change your temporary password before doing anything else");
      }
      const rawParams = await routeContext.params;
      const params = contract.params ? parseWith(contract.params, rawParams, "path") : undefined;
      const query = contract.query ? parseWith(contract.query, Object.fromEntries(new URL(request.url).searchParams), "query") : undefined;
      const body = contract.body ? parseWith(contract.body, await readJsonBody(request, env().WARDEN_MAX_BODY_BYTES), "body") : undefined;
      const result = await run({ actor, params, query, body, context, request } as HandlerInput<C>);
      if (result instanceof Response) return result;
      const checked = contract.response.schema.safeParse(result);
      if (!checked.success) {
        throw new Error(`Response of ${contract.operationId} does not match its schema: ${checked.error.message}`);
      }
      return new Response(JSON.stringify(checked.data), {
        status: contract.response.status,
        headers: { "content-type": "application/json", "cache-control": "no-store", "x-request-id": context.requestId },
      });
    } catch (thrown) {
      const error = normalizeError(thrown);
      if (error.status >= 500) {
        logger().error({ err: thrown, requestId: context.requestId, operation: contract.operationId }, "request failed");
      }
      return problemResponse(error, context.requestId, instance);
    }
  };
}
