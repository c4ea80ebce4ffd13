// Sending the API fuzzer's requests and judging each answer
// (tests/integration/api-fuzz.test.ts): its status and body, and what it wrote.
import type { Contract } from "@/lib/api/contract";
import type { RouteHandler } from "@/lib/api/handle";
import { db } from "@/lib/db/client";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors/codes";
// renamed: a function named use… is not a React hook here
import { createLogger, useLogger as replaceLogger } from "@/lib/log";
import type { Change } from "./fuzz-db";
import { bodyOf, bodyText, urlOf, type FuzzCase, type Operation } from "./fuzz-requests";
import { ORIGIN } from "./http";

export type Sent = { status: number; contentType: string; text: string; json: unknown };
export type ProblemBody = { code?: ErrorCode; status?: number; detail?: string; errors?: { path: string; message: string }[] };

/** Tables an audit event writes (the chain head, the event, its scope index). */
const AUDIT_TABLES = new Set(["AuditEvent", "AuditEventScope", "AuditHead"]);
/** 5xx answers that report an upstream's failure (declared by the contract), not a crash. */
const UPSTREAM_FAILURES: ErrorCode[] = ["bad_gateway", "gateway_timeout", "unavailable"];

/** Calls the handler as Next.js would: a real Request, the cookie of a same-origin browser. */
export async function send(operation: Operation, handler: RouteHandler, c: FuzzCase, cookie: string, requestId: string): Promise<Sent> {
  const headers = new Headers({ cookie, origin: ORIGIN, "sec-fetch-site": "same-origin", host: "localhost:3000", "x-request-id": requestId });
  if (c.contentType) headers.set("content-type", c.contentType);
  const raw = operation.method === "GET" ? undefined : bodyOf(c);
  const body = raw instanceof Uint8Array ? new Uint8Array(raw) : raw;
  const request = new Request(`${ORIGIN}${urlOf(operation, c)}`, { method: operation.method, headers, body });
  const response = await handler(request, { params: Promise.resolve({ ...c.params }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text, json };
}

export const excerpt = (text: string | undefined, max = 400) => (text === undefined ? "(none)" : text.length > max ? `${JSON.stringify(text.slice(0, max))}… (${text.length} chars)` : JSON.stringify(text));

/** The request, as a failure report prints it. */
export function describeCase(operation: Operation, c: FuzzCase, kind: string, index: number): string {
  return `${operation.operationId} ${kind}#${index} [${c.labels.join(" ")}] ${operation.method} ${urlOf(operation, c).slice(0, 300)} content-type=${c.contentType ?? "(none)"} body=${excerpt(operation.method === "GET" ? undefined : bodyText(c))}`;
}

/** What is wrong with an answer's status and body (and with Object.prototype afterwards). */
export function answerProblems(contract: Contract, answer: Sent): string[] {
  const problems: string[] = [];
  const problem = (answer.json ?? {}) as ProblemBody;
  if (answer.status >= 500 && !(problem.code && UPSTREAM_FAILURES.includes(problem.code) && contract.errors?.includes(problem.code))) problems.push(`status ${answer.status}`);
  if (answer.status >= 400) {
    if (!answer.contentType.startsWith("application/problem+json")) problems.push(`content-type ${answer.contentType}`);
    if (!problem.code || ERROR_STATUS[problem.code] !== answer.status || problem.status !== answer.status) problems.push(`problem code ${String(problem.code)} / status ${String(problem.status)}`);
  } else if (answer.status !== contract.response.status) problems.push(`status ${answer.status}, the contract says ${contract.response.status}`);
  const blank = {} as Record<string, unknown>;
  if (Object.keys(Object.prototype).length || blank.polluted !== undefined || blank.isAdmin !== undefined) {
    problems.push("Object.prototype was polluted");
    for (const key of Object.keys(Object.prototype)) delete (Object.prototype as Record<string, unknown>)[key];
  }
  return problems;
}

const written = (changes: Change[]) => changes.map((change) => `${change.table}(${change.parts.slice(0, 4).join(" ")}${change.parts.length > 4 ? " …" : ""})`).join(", ");

/**
 * What is wrong with what a request wrote: a refusal may write only audit
 * events with the actions `recordable` allows; a read only audit events; a
 * successful change needs an audit event with this request's id. Returns
 * "recorded" for a refusal that left an allowed trace.
 */
export async function writeProblems(contract: Contract, status: number, changes: Change[], requestId: string, recordable: string[]): Promise<string[] | "recorded"> {
  if (!changes.length) return [];
  const actions = changes.some((change) => change.table === "AuditEvent") ? (await db().auditEvent.findMany({ where: { requestId }, select: { action: true } })).map((event) => event.action) : [];
  const beyondAudit = changes.filter((change) => !AUDIT_TABLES.has(change.table));
  if (status >= 400) {
    if (!beyondAudit.length && actions.length > 0 && actions.every((action) => recordable.includes(action))) return "recorded";
    return [`a refused request wrote ${written(changes)}${actions.length ? ` (audit: ${actions.join(", ")})` : ""}`];
  }
  if (contract.method === "GET") return beyondAudit.length ? [`a read wrote ${written(changes)}`] : [];
  // a no-op update (the same values) only moves @updatedAt: nothing to audit
  const meaningful = beyondAudit.filter((change) => change.parts.some((part) => part !== "updatedAt:max"));
  return meaningful.length && !actions.length ? [`a change to ${written(meaningful)} without an audit event for this request`] : [];
}

/** Waits for work a request started in the background (campaign item generation) to finish. */
export async function settle(): Promise<void> {
  for (let tries = 0; tries < 400; tries += 1) {
    if ((await db().campaign.count({ where: { status: "generating" } })) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("a campaign is still generating its items");
}

/** Captures what handlers log for a 500, by request id (the error is printed with the failure); restore() puts the logger back. */
export function captureErrors(): { logged: Map<string, string>; restore: () => void } {
  const logged = new Map<string, string>();
  replaceLogger(
    createLogger({
      level: "error",
      destination: {
        write: (line: string) => {
          const entry = JSON.parse(line) as { requestId?: string; msg?: string; err?: { type?: string; message?: string; code?: string; meta?: unknown } };
          if (entry.requestId) logged.set(entry.requestId, `${entry.err?.type ?? ""} ${entry.err?.code ?? ""} ${entry.err?.message ?? entry.msg ?? ""} ${JSON.stringify(entry.err?.meta ?? "")}`.replace(/\s+/g, " ").trim().slice(0, 500));
        },
      },
    }),
  );
  return { logged, restore: () => replaceLogger(null) };
}
