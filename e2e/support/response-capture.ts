// Records every HTTP response the e2e run receives from Warden, one JSON line
// each, for the secret scan (e2e/logs.check.ts, e2e/support/secret-scan.ts).
// Three sources: the browser's network (every page's responses, including
// fetches the console makes), Playwright's API request contexts (the `request`
// fixture, `page.request`, `playwright.request.newContext()`), and Node's
// global fetch in the test worker (the SDK pieces the specs run in process:
// the agent's DPoP fetch, the ledger server's bundle client and event sink,
// openid-client). Responses from anything else (the OIDC provider, the MCP
// servers the specs start, attacker pages) are not Warden's and are skipped.
import fs from "node:fs";
import path from "node:path";
import type { APIResponse, Response } from "@playwright/test";
import { E2E_PORT } from "./state";

export type CaptureSource = "page" | "request" | "fetch";

export type Capture = {
  source: CaptureSource;
  project: string;
  /** the test that was running, or null (worker-level traffic between tests) */
  test: string | null;
  method: string;
  url: string;
  status: number;
  /** in wire order; repeated names (set-cookie) stay separate */
  headers: { name: string; value: string }[];
  /** the decoded body as UTF-8, or null with the reason in bodyOmitted / bodyError */
  body: string | null;
  bodyOmitted?: "redirect" | "binary" | "head";
  bodyError?: string;
  /** a browser request answered through Playwright's route.fetch (see isRscRequest) */
  routed?: true;
};

const WARDEN_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
// images, fonts and media carry no text secrets and are Warden's static files
const BINARY = /^(image\/(?!svg)|font\/|audio\/|video\/)/i;
// build assets are immutable: each is recorded once per worker
const STATIC_ASSET = /^\/_next\/static\//;

/**
 * Next.js's RSC requests (client navigations and prefetches, `?_rsc=`): the
 * browser reads them as streams and keeps no body for the DevTools protocol,
 * so response.body() fails for them. They are fetched through a route instead
 * (e2e/support/fixtures.ts) and recorded there.
 */
export function isRscRequest(url: URL, method: string): boolean {
  return method === "GET" && url.searchParams.has("_rsc") && isWardenUrl(url.href);
}

export function isWardenUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && WARDEN_HOSTS.has(parsed.hostname) && parsed.port === String(E2E_PORT);
  } catch {
    return false;
  }
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200);
}

export class CaptureRecorder {
  /** the test running now (set by the test-scoped fixture) */
  test: string | null = null;
  private readonly pending = new Set<Promise<void>>();
  private readonly seenStatic = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly project: string,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  /** Waits (at most `timeoutMs`) for the bodies still being read. */
  async settle(timeoutMs: number): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  private track(work: Promise<void>): void {
    const done = work.catch(() => {}).finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  private firstSight(url: string): boolean {
    const { pathname } = new URL(url);
    if (!STATIC_ASSET.test(pathname)) return true;
    if (this.seenStatic.has(pathname)) return false;
    this.seenStatic.add(pathname);
    return true;
  }

  private write(entry: Omit<Capture, "project" | "test">, test: string | null): void {
    const capture: Capture = { ...entry, project: this.project, test };
    fs.appendFileSync(this.file, `${JSON.stringify(capture)}\n`);
  }

  private static bodyOf(status: number, method: string, contentType: string | undefined): Pick<Capture, "bodyOmitted"> | null {
    if (method === "HEAD") return { bodyOmitted: "head" };
    if (contentType && BINARY.test(contentType)) return { bodyOmitted: "binary" };
    return null;
  }

  /** A response the browser received (BrowserContext "response" event). */
  page(response: Response): void {
    const url = response.url();
    if (!isWardenUrl(url) || !this.firstSight(url) || isRscRequest(new URL(url), response.request().method())) return;
    const test = this.test;
    this.track(
      (async () => {
        const method = response.request().method();
        const status = response.status();
        const headers = await response.headersArray();
        // the browser keeps no body for a redirect
        const omitted = status >= 300 && status < 400 ? { bodyOmitted: "redirect" as const } : CaptureRecorder.bodyOf(status, method, headers.find((header) => header.name.toLowerCase() === "content-type")?.value);
        if (omitted) return this.write({ source: "page", method, url, status, headers, body: null, ...omitted }, test);
        try {
          this.write({ source: "page", method, url, status, headers, body: (await response.body()).toString("utf8") }, test);
        } catch (error) {
          // e.g. a download, or a response the page discarded by navigating on
          this.write({ source: "page", method, url, status, headers, body: null, bodyError: message(error) }, test);
        }
      })(),
    );
  }

  /** A browser request answered through a route (an RSC request): the response the browser is then given. */
  async routed(method: string, url: string, response: APIResponse | Error): Promise<void> {
    if (response instanceof Error) return this.write({ source: "page", routed: true, method, url, status: 0, headers: [], body: null, bodyError: message(response) }, this.test);
    const status = response.status();
    const headers = response.headersArray();
    try {
      this.write({ source: "page", routed: true, method, url, status, headers, body: (await response.body()).toString("utf8") }, this.test);
    } catch (error) {
      this.write({ source: "page", routed: true, method, url, status, headers, body: null, bodyError: message(error) }, this.test);
    }
  }

  /** A response of a Playwright API request context: read at once, before the context can be disposed. */
  async request(response: APIResponse, method: string): Promise<void> {
    const url = response.url();
    if (!isWardenUrl(url) || !this.firstSight(url)) return;
    const status = response.status();
    const headers = response.headersArray();
    const omitted = CaptureRecorder.bodyOf(status, method, response.headers()["content-type"]);
    if (omitted) return this.write({ source: "request", method, url, status, headers, body: null, ...omitted }, this.test);
    try {
      this.write({ source: "request", method, url, status, headers, body: (await response.body()).toString("utf8") }, this.test);
    } catch (error) {
      this.write({ source: "request", method, url, status, headers, body: null, bodyError: message(error) }, this.test);
    }
  }

  /** A response of Node's fetch: the caller keeps the original; a clone is read in the background. */
  fetch(response: globalThis.Response, method: string, requestedUrl: string): void {
    const url = response.url || requestedUrl;
    if (!isWardenUrl(url)) return;
    const test = this.test;
    const status = response.status;
    const headers: Capture["headers"] = [];
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") headers.push({ name, value });
    });
    for (const value of response.headers.getSetCookie()) headers.push({ name: "set-cookie", value });
    const omitted = CaptureRecorder.bodyOf(status, method, response.headers.get("content-type") ?? undefined);
    if (omitted) return this.write({ source: "fetch", method, url, status, headers, body: null, ...omitted }, test);
    const copy = response.clone();
    this.track(
      copy.text().then(
        (body) => this.write({ source: "fetch", method, url, status, headers, body }, test),
        // a long poll the caller aborted, typically
        (error: unknown) => this.write({ source: "fetch", method, url, status, headers, body: null, bodyError: message(error) }, test),
      ),
    );
  }
}

/** The captures written so far, from every worker's file. */
export function readCaptures(dir: string): Capture[] {
  if (!fs.existsSync(dir)) return [];
  const captures: Capture[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".jsonl")) continue;
    for (const line of fs.readFileSync(path.join(dir, name), "utf8").split("\n")) if (line.trim()) captures.push(JSON.parse(line) as Capture);
  }
  return captures;
}
