import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CSP } from "@/lib/server/security-headers";
import { wardenResponseClass } from "@/lib/server/warden-response";

let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer({ ServerResponse: wardenResponseClass({ https: true }) }, (req, res) => {
    req.headers["x-request-id"] = "req_test";
    if (req.url === "/lean") res.writeHead(304, { etag: '"a"', "cache-control": "no-store", "X-Frame-Options": "SAMEORIGIN" }).end();
    else if (req.url === "/reason") res.writeHead(200, "Fine", { "content-type": "text/plain" }).end("ok");
    else if (req.url === "/page") {
      // as a page does: its own CSP set before writing
      res.setHeader("content-security-policy", "script-src 'nonce-x'");
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.writeHead(200, { "content-type": "text/html" }).end("<p>");
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("Warden's responses", () => {
  it("add the security headers and the request id to a lean answer, the route's own headers winning", async () => {
    const response = await fetch(`${origin}/lean`);
    expect(response.status).toBe(304);
    expect(response.headers.get("content-security-policy")).toBe(DEFAULT_CSP);
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-request-id")).toBe("req_test");
    expect(response.headers.get("etag")).toBe('"a"');
    // once, whatever the case of the route's name for it
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("keep a status message", async () => {
    const response = await fetch(`${origin}/reason`);
    expect([response.status, response.statusText, await response.text()]).toEqual([200, "Fine", "ok"]);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("keep headers set before writing (a page's CSP, cookies) and add the missing defaults", async () => {
    const response = await fetch(`${origin}/page`);
    expect(response.headers.get("content-security-policy")).toBe("script-src 'nonce-x'");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-request-id")).toBe("req_test");
    expect(response.headers.get("content-type")).toBe("text/html");
  });

  it("add them to an answer written implicitly", async () => {
    const response = await fetch(`${origin}/nothing`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-security-policy")).toBe(DEFAULT_CSP);
    expect(response.headers.get("x-request-id")).toBe("req_test");
  });
});
