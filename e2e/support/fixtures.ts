// The `test` every spec imports: Playwright's, plus automatic fixtures that
// record every response Warden sends during the run (e2e/support/
// response-capture.ts) into e2e/.state/responses/*.jsonl for the secret scan
// that runs last (e2e/logs.check.ts). Nothing to call: browser contexts
// (the `page` fixture's and `browser.newContext()`), API request contexts
// (`request`, `page.request`, `playwright.request.newContext()`) and Node's
// fetch are all watched from the moment the worker starts.
import path from "node:path";
import { test as base, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { CaptureRecorder, isRscRequest } from "./response-capture";
import { RESPONSES_DIR } from "./state";

export { expect } from "@playwright/test";

const watched = new WeakSet<object>();

function watchRequestContext(recorder: CaptureRecorder, context: APIRequestContext): APIRequestContext {
  if (watched.has(context)) return context;
  watched.add(context);
  // get/post/put/patch/delete/head all go through fetch
  const fetch = context.fetch.bind(context);
  context.fetch = async (urlOrRequest, options) => {
    const response = await fetch(urlOrRequest, options);
    const method = options?.method ?? (typeof urlOrRequest === "string" ? "GET" : urlOrRequest.method());
    await recorder.request(response, method.toUpperCase());
    return response;
  };
  return context;
}

async function watchBrowserContext(recorder: CaptureRecorder, context: BrowserContext): Promise<BrowserContext> {
  if (watched.has(context)) return context;
  watched.add(context);
  context.on("response", (response) => recorder.page(response));
  // RSC requests: the browser keeps no body for them, so Playwright performs them (with the context's cookies)
  // and hands the browser the very response it recorded; redirects are left to the browser to follow
  await context.route(
    (url) => isRscRequest(url, "GET"),
    async (route) => {
      const request = route.request();
      if (!isRscRequest(new URL(request.url()), request.method())) return route.fallback();
      let response;
      try {
        response = await route.fetch({ maxRedirects: 0 });
      } catch (error) {
        await recorder.routed(request.method(), request.url(), error as Error);
        return route.abort().catch(() => {});
      }
      await recorder.routed(request.method(), request.url(), response);
      // the page may have moved on (a prefetch it no longer wants)
      await route.fulfill({ response }).catch(() => {});
    },
  );
  watchRequestContext(recorder, context.request);
  // bodies can no longer be read once the context is closed
  const close = context.close.bind(context);
  context.close = async (options) => {
    await recorder.settle(10_000);
    await close(options);
  };
  return context;
}

export const test = base.extend<{ _responseCaptureTest: void }, { _responseCapture: CaptureRecorder }>({
  _responseCapture: [
    async ({ browser, playwright }, use, workerInfo) => {
      const recorder = new CaptureRecorder(path.join(RESPONSES_DIR, `${workerInfo.project.name}-${workerInfo.workerIndex}-${process.pid}.jsonl`), workerInfo.project.name);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => watchBrowserContext(recorder, await newContext(options));
      const newRequestContext = playwright.request.newContext.bind(playwright.request);
      playwright.request.newContext = async (options) => watchRequestContext(recorder, await newRequestContext(options));
      const fetch = globalThis.fetch;
      globalThis.fetch = async (input, init) => {
        const response = await fetch(input, init);
        const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        const method = init?.method ?? (input instanceof Request ? input.method : "GET");
        recorder.fetch(response, method.toUpperCase(), url);
        return response;
      };
      await use(recorder);
      globalThis.fetch = fetch;
      browser.newContext = newContext;
      playwright.request.newContext = newRequestContext;
      await recorder.settle(15_000);
    },
    { scope: "worker", auto: true, box: true, title: "response capture" },
  ],
  _responseCaptureTest: [
    async ({ _responseCapture }, use, testInfo) => {
      // the file, any describe blocks and the test's title
      _responseCapture.test = testInfo.titlePath.join(" › ");
      await use();
      await _responseCapture.settle(10_000);
      _responseCapture.test = null;
    },
    { auto: true, box: true, title: "response capture" },
  ],
});
