// The health endpoint reports the app and its database.
import { describe, expect, inject, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import { call } from "./helpers/http";

describe("GET /api/health", () => {
  it("answers 200 with the database provider of this project", async () => {
    const result = await call<{ status: string; version: string; uptimeSeconds: number; database: { provider: string; status: string; latencyMs: number | null } }>(healthRoute, {
      path: "/api/health",
    });
    expect(result.status).toBe(200);
    expect(result.headers.get("cache-control")).toBe("no-store");
    expect(result.headers.get("content-type")).toMatch(/^application\/json/);
    expect(result.body).toMatchObject({ status: "ok", database: { provider: inject("databaseTarget").provider, status: "ok" } });
    expect(result.body.database.latencyMs).toEqual(expect.any(Number));
    // from package.json, not npm_package_version (unset when node starts Warden directly, as in the container)
    expect(result.body.version).toBe((await import("@/package.json")).version);
    expect(result.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(result.body.database).not.toHaveProperty("error");
  });
});
