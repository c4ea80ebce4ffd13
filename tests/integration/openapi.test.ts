// Route files and contracts correspond one to one, and the published OpenAPI
// document describes exactly the contracts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { CONTRACTS } from "@/lib/api/contracts";
import { call } from "./helpers/http";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const apiRoot = path.join(root, "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

function routePath(file: string): string {
  const relative = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep);
  return `/${relative.map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
}

function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:const|let|var|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) found.add(match[1]!);
  // re-exports such as `export { handler as GET }`
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of match[1]!.split(",").map((part) => part.trim().split(/\s+as\s+/).pop()!)) {
      if ((METHODS as readonly string[]).includes(name) || name === "HEAD" || name === "OPTIONS") found.add(name);
    }
  }
  return [...found];
}

type Operation = {
  operationId: string;
  "x-warden-permission": string;
  security: unknown[];
  responses: Record<string, unknown>;
  requestBody?: { required: boolean; content: Record<string, unknown> };
  parameters: { name: string; in: string; required: boolean }[];
};

describe("route files and contracts", () => {
  it("every exported method of app/api/v1/**/route.ts has exactly one contract, and every contract a route", () => {
    const files = routeFiles(apiRoot);
    expect(files.length).toBeGreaterThan(0);
    const fromFiles: string[] = [];
    for (const file of files) {
      const methods = exportedMethods(fs.readFileSync(file, "utf8"));
      expect(methods.length, `${path.relative(root, file)} exports no HTTP method`).toBeGreaterThan(0);
      for (const method of methods) fromFiles.push(`${method} ${routePath(file)}`);
    }
    const fromContracts = CONTRACTS.map((contract) => `${contract.method} ${contract.path}`);
    expect(new Set(fromContracts).size, "two contracts share a method and path").toBe(fromContracts.length);
    expect(fromFiles.filter((route) => !fromContracts.includes(route)), "route handlers without a contract").toEqual([]);
    expect(fromContracts.filter((route) => !fromFiles.includes(route)), "contracts without a route handler").toEqual([]);
    expect([...fromFiles].sort()).toEqual([...fromContracts].sort());
  });

  it("operationIds are unique", () => {
    const ids = CONTRACTS.map((contract) => contract.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is public and describes every contract", async () => {
    const result = await call<{ openapi: string; info: { title: string }; servers: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> }>(
      openApiRoute,
      { path: "/api/v1/openapi.json" },
    );
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toBe("application/json");
    const doc = result.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Warden management API");
    expect(doc.servers).toEqual([{ url: "http://localhost:3000" }]);
    expect(Object.keys(doc.components.securitySchemes!).sort()).toEqual(["apiToken", "sessionCookie"]);
    expect(doc.components.schemas).toHaveProperty("Problem");

    const operations = Object.entries(doc.paths).flatMap(([route, methods]) => Object.entries(methods).map(([method, operation]) => ({ route, method: method.toUpperCase(), operation })));
    expect(operations).toHaveLength(CONTRACTS.length);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);

    for (const contract of CONTRACTS) {
      const operation = doc.paths[contract.path]?.[contract.method.toLowerCase()];
      expect(operation, `${contract.method} ${contract.path} is missing from the document`).toBeDefined();
      const label = contract.operationId;
      expect(operation!.operationId, label).toBe(contract.operationId);
      expect(operation!["x-warden-permission"], label).toBe(contract.permission);
      expect(operation!.responses, label).toHaveProperty(String(contract.response.status));
      if (contract.permission === "public") {
        expect(operation!.security, label).toEqual([]);
      } else {
        expect(operation!.security.length, label).toBeGreaterThan(0);
        expect(operation!.responses, label).toHaveProperty("401");
        expect(operation!.responses, label).toHaveProperty("403");
      }
      if (contract.body) {
        expect(operation!.requestBody, label).toMatchObject({ required: true, content: { "application/json": { schema: expect.any(Object) } } });
        expect(operation!.responses, label).toHaveProperty("422");
      } else {
        expect(operation!.requestBody, label).toBeUndefined();
      }
      const pathParams = [...contract.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      expect(operation!.parameters.filter((parameter) => parameter.in === "path").map((parameter) => parameter.name), label).toEqual(pathParams);
      for (const parameter of operation!.parameters.filter((item) => item.in === "path")) expect(parameter.required).toBe(true);
    }
    // the document's ids are exactly the contracts'
    expect([...ids].sort()).toEqual(CONTRACTS.map((contract) => contract.operationId).sort());
  });
});
