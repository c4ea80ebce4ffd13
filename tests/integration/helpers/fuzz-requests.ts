// Requests for the API fuzzer, from one operation of the OpenAPI document:
// schema-valid ones (every path parameter, some query parameters, a body from
// the request schema) and invalid ones — a valid request with one to three
// mutations: of the body (fuzz-mutations.ts), bad path parameters (wrong
// prefix, case, length, NUL, traversal), and bad, unknown, repeated or
// undecodable query parameters.
import { mutateBody } from "./fuzz-mutations";
import { PROTO_KEYS, validValue, wrongType, type Gen, type Schema } from "./fuzz-schema";

export type Operation = {
  operationId: string;
  method: string;
  path: string;
  pathParams: { name: string; schema: Schema }[];
  queryParams: { name: string; required: boolean; schema: Schema }[];
  body: Schema | null;
};

export type Body = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "raw"; text: string } | { kind: "bytes"; data: Uint8Array };
/** rawQuery: appended to the query string as is (percent-escapes that do not decode to UTF-8, a lone %). */
export type FuzzCase = { labels: string[]; params: Record<string, string>; query: [string, string][]; rawQuery?: string; body: Body; contentType: string | null };

type OpenApiParameter = { name: string; in: string; required?: boolean; schema: Schema };
type OpenApiOperation = { operationId: string; parameters?: OpenApiParameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };

export function operationsOf(document: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      pathParams: (operation.parameters ?? []).filter((parameter) => parameter.in === "path").map(({ name, schema }) => ({ name, schema })),
      queryParams: (operation.parameters ?? []).filter((parameter) => parameter.in === "query").map(({ name, required, schema }) => ({ name, required: Boolean(required), schema })),
      body: operation.requestBody?.content["application/json"]?.schema ?? null,
    })),
  );
}

const queryText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

export function validCase(operation: Operation, g: Gen): FuzzCase {
  // the last parameter first now and then: a tool's (key's, proposal's) id, then the server it belongs to
  const ordered = g.rng.chance(0.5) ? [...operation.pathParams].reverse() : operation.pathParams;
  const params = Object.fromEntries(ordered.map(({ name, schema }) => [name, String(validValue(schema, g, name))]));
  const query: [string, string][] = operation.queryParams.filter((parameter) => parameter.required || g.rng.chance(0.4)).map(({ name, schema }) => [name, queryText(validValue(schema, g, name))]);
  const body: Body = operation.body ? { kind: "json", value: validValue(operation.body, g) } : { kind: "none" };
  return { labels: ["valid"], params, query, body, contentType: operation.body ? "application/json" : null };
}

// ---- query and path mutations --------------------------------------------------

const BAD_PARAMS = ["", " ", "0", "-1", "1.5", "1e309", "99999999999999999999", "9223372036854775808", "NaN", "true", "null", "[]", "{}", "abc", "\u0000", "a\u0000", "\ud800", "😀", "%", "%00", "..", "../x", "x".repeat(5000), "__proto__", "constructor"];

function badId(g: Gen, current: string): string {
  const { rng } = g;
  return rng.pick([
    current.toUpperCase(),
    `${current}x`,
    current.slice(0, -1),
    current.replace(/^[a-z]+_/, "zzz_"),
    ` ${current}`,
    `${current}\n`,
    `${current}\u0000`,
    current.replace(/.$/, "é"),
    `${current.split("_")[0]}_${"0".repeat(26)}`,
    ...BAD_PARAMS,
  ]);
}

export function invalidCase(operation: Operation, g: Gen, maxBodyBytes: number): FuzzCase {
  const c = validCase(operation, g);
  c.labels = ["invalid"];
  const { rng } = g;
  const kinds: string[] = ["query-extra"];
  if (operation.method !== "GET") kinds.push("body", "body", "body", "body");
  if (operation.queryParams.length) kinds.push("query", "query", "query-repeat", "query-raw");
  if (operation.pathParams.length) kinds.push("path", "path");
  for (let count = 1 + (rng.chance(0.3) ? rng.int(3) : 0); count > 0; count -= 1) {
    const kind = rng.pick(kinds);
    if (kind === "body") {
      if (c.body.kind === "raw") continue;
      mutateBody(c, operation.body ?? { type: "object", additionalProperties: false }, g, maxBodyBytes);
      if (c.contentType === null && c.body.kind === "json" && !c.labels.some((label) => label.startsWith("type:"))) c.contentType = "application/json";
    } else if (kind === "query") {
      const parameter = rng.pick(operation.queryParams);
      const value = rng.chance(0.5) ? rng.pick(BAD_PARAMS) : queryText(wrongType(parameter.schema, g));
      c.query = c.query.filter(([name]) => name !== parameter.name).concat([[parameter.name, value]]);
      c.labels.push(`query:${parameter.name}`);
    } else if (kind === "query-repeat") {
      const parameter = rng.pick(operation.queryParams);
      c.query.push([parameter.name, queryText(validValue(parameter.schema, g, parameter.name))], [parameter.name, rng.pick(BAD_PARAMS)]);
      c.labels.push(`repeat:${parameter.name}`);
    } else if (kind === "query-raw") {
      const parameter = rng.pick(operation.queryParams);
      c.rawQuery = `${parameter.name}=${rng.pick(["%ff%fe", "%", "%zz", "%C0%80", "%ED%A0%80", "%E2%82", "a%00b", "%u0041", "+%2B+"])}`;
      c.labels.push(`query-raw:${parameter.name}`);
    } else if (kind === "query-extra") {
      c.query.push([rng.pick([...PROTO_KEYS, "limit[]", "a.b", "é", "", "x".repeat(300)]), rng.pick(BAD_PARAMS)]);
      c.labels.push("query-extra");
    } else {
      const parameter = rng.pick(operation.pathParams);
      c.params[parameter.name] = badId(g, c.params[parameter.name] ?? "");
      c.labels.push(`path:${parameter.name}`);
    }
  }
  return c;
}

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD; encodeURIComponent would throw). */
export const percent = (value: string) => [...Buffer.from(value, "utf8")].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0")}`)).join("");

export function urlOf(operation: Operation, c: FuzzCase): string {
  let url = operation.path;
  for (const [name, value] of Object.entries(c.params)) url = url.replace(`{${name}}`, percent(value));
  const query = [...c.query.map(([name, value]) => `${percent(name)}=${percent(value)}`), ...(c.rawQuery ? [c.rawQuery] : [])].join("&");
  return query ? `${url}?${query}` : url;
}

/** The body as sent (text, or bytes that are not UTF-8). */
export function bodyOf(c: FuzzCase): string | Uint8Array | undefined {
  if (c.body.kind === "none") return undefined;
  if (c.body.kind === "raw") return c.body.text;
  if (c.body.kind === "bytes") return c.body.data;
  return JSON.stringify(c.body.value) ?? "null";
}

/** The body for a report. */
export function bodyText(c: FuzzCase): string | undefined {
  const body = bodyOf(c);
  return body instanceof Uint8Array ? `bytes:${Buffer.from(body).toString("hex")}` : body;
}

