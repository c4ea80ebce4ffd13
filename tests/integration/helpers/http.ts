// Calls route handlers directly with real Request objects, as Next.js would.
import type { RouteHandler } from "@/lib/api/handle";

export const ORIGIN = "http://localhost:3000";

export type CallOptions = {
  method?: string;
  path: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  bearer?: string;
  cookie?: string;
  /** set Origin/Sec-Fetch-Site like a same-origin browser fetch (default true when a cookie is sent) */
  sameOrigin?: boolean;
};

export type CallResult<T = unknown> = { status: number; headers: Headers; body: T; text: string };

export const captured: { path: string; status: number; text: string }[] = [];

export async function call<T = Record<string, unknown>>(handler: RouteHandler, options: CallOptions): Promise<CallResult<T>> {
  const headers = new Headers(options.headers ?? {});
  if (options.bearer) headers.set("authorization", `Bearer ${options.bearer}`);
  if (options.cookie) headers.set("cookie", options.cookie);
  if ((options.sameOrigin ?? Boolean(options.cookie)) && !headers.has("origin")) {
    headers.set("origin", ORIGIN);
    headers.set("sec-fetch-site", "same-origin");
  }
  headers.set("host", "localhost:3000");
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new Request(`${ORIGIN}${options.path}`, { method: options.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  captured.push({ path: options.path, status: response.status, text });
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON; keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}
