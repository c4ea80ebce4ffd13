import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { assertSameOrigin } from "@/lib/http/csrf";

const request = (method: string, headers: Record<string, string>) => new Request("http://warden.example.test/api/v1/servers", { method, headers: { host: "warden.example.test", ...headers } });

describe("assertSameOrigin", () => {
  beforeEach(() => {
    process.env.WARDEN_URL = "https://warden.example.com";
    resetEnvCache();
  });
  afterEach(() => {
    delete process.env.WARDEN_URL;
    resetEnvCache();
  });

  it("lets safe methods through", () => {
    expect(() => assertSameOrigin(request("GET", {}))).not.toThrow();
  });
  it("accepts the public origin and the request's own host", () => {
    expect(() => assertSameOrigin(request("POST", { origin: "https://warden.example.com", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOrigin(request("POST", { origin: "http://warden.example.test" }))).not.toThrow();
  });
  it("refuses missing, null and foreign origins, and cross-site fetch metadata", () => {
    const cases: Record<string, string>[] = [{}, { origin: "null" }, { origin: "https://evil.example" }, { origin: "https://warden.example.com", "sec-fetch-site": "cross-site" }, { origin: "https://warden.example.com", "sec-fetch-site": "same-site" }];
    for (const headers of cases) {
      expect(() => assertSameOrigin(request("POST", headers)), JSON.stringify(headers)).toThrow(AppError);
    }
  });
});
