import { describe, expect, it } from "vitest";
import {
  displayName,
  documentsFromText,
  NO_REMOTE_MESSAGE,
  PACKAGES_ONLY_MESSAGE,
  parseJsonText,
  parseServerJson,
  selectRemote,
  SHAPE_MESSAGE,
  splitDocuments,
  STDIO_ONLY_MESSAGE,
} from "@/lib/identities/import/parse-server-json";

const weather = {
  $schema: "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
  name: "io.github.acme/weather",
  description: "Forecasts and alerts",
  version: "1.2.0",
  title: "Acme Weather",
  websiteUrl: "https://acme.example.com/weather",
  repository: { url: "https://github.com/acme/weather", source: "github", id: "123", subfolder: "server" },
  remotes: [{ type: "streamable-http", url: "https://weather.acme.example.com/mcp", headers: [{ name: "X-Api-Key", isSecret: true }] }],
  _meta: { "io.modelcontextprotocol.registry/publisher-provided": { build: 7 } },
};

const errorsOf = (document: unknown) => {
  const parsed = parseServerJson(document);
  if (parsed.ok) throw new Error("expected the document to be invalid");
  return parsed.errors;
};
const pathsOf = (document: unknown) => errorsOf(document).map((issue) => issue.path);

describe("splitDocuments", () => {
  it("accepts one server.json document", () => {
    expect(splitDocuments(weather)).toEqual({ ok: true, documents: [weather] });
  });

  it("accepts an array of documents, keeping non-objects for per-document reports", () => {
    expect(splitDocuments([weather, "nope"])).toEqual({ ok: true, documents: [weather, "nope"] });
  });

  it("unwraps a registry list response {servers: [{server, _meta}]} and plain {servers: [...]} lists", () => {
    const other = { ...weather, name: "io.github.acme/other" };
    const response = { servers: [{ server: weather, _meta: { "io.modelcontextprotocol.registry/official": { status: "active" } } }, other], metadata: { count: 2 } };
    expect(splitDocuments(response)).toEqual({ ok: true, documents: [weather, other] });
  });

  it("refuses other shapes and empty uploads", () => {
    expect(splitDocuments("text")).toEqual({ ok: false, message: SHAPE_MESSAGE });
    expect(splitDocuments(null)).toEqual({ ok: false, message: SHAPE_MESSAGE });
    expect(splitDocuments(42)).toEqual({ ok: false, message: SHAPE_MESSAGE });
    expect(splitDocuments([])).toMatchObject({ ok: false });
    expect(splitDocuments({ servers: [] })).toMatchObject({ ok: false });
  });
});

describe("parseServerJson", () => {
  it("maps a document onto a server registration", () => {
    expect(parseServerJson(weather)).toEqual({
      ok: true,
      server: {
        registryName: "io.github.acme/weather",
        name: "Acme Weather",
        description: "Forecasts and alerts",
        version: "1.2.0",
        sourceRepository: "https://github.com/acme/weather",
        resourceUri: "https://weather.acme.example.com/mcp",
        transport: "streamable-http",
        resourceUriPath: "remotes.0.url",
      },
    });
  });

  it("names the server after the last segment of its name when it has no title, and needs no repository", () => {
    const { title: _title, repository: _repository, ...bare } = weather;
    const parsed = parseServerJson(bare);
    expect(parsed.ok && parsed.server.name).toBe("weather");
    expect(parsed.ok && parsed.server.sourceRepository).toBeNull();
    expect(displayName({ name: "com.example/x", title: "  " })).toBe("x");
  });

  it("validates the name", () => {
    for (const name of ["weather", "io.github.acme/weather/extra", "a/", "io.github.acme/wea ther", "x".repeat(199) + "/y", 42]) {
      expect(new Set(pathsOf({ ...weather, name })), String(name)).toEqual(new Set(["name"]));
    }
    expect(pathsOf({ ...weather, name: undefined })).toEqual(["name"]);
  });

  it("validates description, version and title lengths", () => {
    expect(pathsOf({ ...weather, description: "" })).toEqual(["description"]);
    expect(pathsOf({ ...weather, description: "d".repeat(101) })).toEqual(["description"]);
    expect(pathsOf({ ...weather, version: undefined })).toEqual(["version"]);
    expect(pathsOf({ ...weather, version: "v".repeat(256) })).toEqual(["version"]);
    expect(pathsOf({ ...weather, title: "t".repeat(101) })).toEqual(["title"]);
  });

  it("needs https for websiteUrl and the repository URL, and a repository source", () => {
    expect(pathsOf({ ...weather, websiteUrl: "http://acme.example.com" })).toEqual(["websiteUrl"]);
    expect(pathsOf({ ...weather, repository: { url: "ftp://github.com/acme/weather", source: "github" } })).toEqual(["repository.url"]);
    expect(pathsOf({ ...weather, repository: { url: "https://github.com/acme/weather" } })).toEqual(["repository.source"]);
  });

  it("validates remotes and packages", () => {
    expect(pathsOf({ ...weather, remotes: [{ type: "websocket", url: "https://x.example.com/mcp" }] })).toEqual(["remotes.0.type"]);
    expect(pathsOf({ ...weather, remotes: [{ type: "sse" }] })).toEqual(["remotes.0.url"]);
    expect(pathsOf({ ...weather, packages: [{ registryType: "npm", transport: { type: "stdio" } }] })).toEqual(["packages.0.identifier"]);
    expect(pathsOf({ ...weather, packages: [{ registryType: "npm", identifier: "@acme/weather", transport: { type: "pipe" } }] })).toEqual(["packages.0.transport.type"]);
  });

  it("reports every problem of a document, with the name even when the document is invalid", () => {
    const parsed = parseServerJson({ ...weather, description: "", version: undefined });
    expect(parsed).toMatchObject({ ok: false, registryName: "io.github.acme/weather", version: null });
    expect(errorsOf({ ...weather, description: "", version: undefined }).map((issue) => issue.path)).toEqual(["description", "version"]);
    expect(pathsOf({ ...weather, version: undefined, remotes: [{ type: "sse", url: "https://{region}.acme.example.com/sse" }] })).toEqual(["version", "remotes.0.url"]);
    expect(pathsOf("not an object")).toEqual(["(root)"]);
  });

  it("takes the first streamable-http remote, else the first sse one", () => {
    const remotes = [
      { type: "sse" as const, url: "https://a.example.com/sse" },
      { type: "streamable-http" as const, url: "https://b.example.com/mcp" },
      { type: "streamable-http" as const, url: "https://c.example.com/mcp" },
    ];
    expect(selectRemote(remotes)).toEqual({ index: 1, type: "streamable-http", url: "https://b.example.com/mcp" });
    expect(selectRemote([remotes[0]!, { type: "sse", url: "https://d.example.com/sse" }])).toEqual({ index: 0, type: "sse", url: "https://a.example.com/sse" });
    expect(selectRemote([])).toBeNull();
    const parsed = parseServerJson({ ...weather, remotes: [remotes[0]] });
    expect(parsed.ok && parsed.server).toMatchObject({ transport: "sse", resourceUri: "https://a.example.com/sse", resourceUriPath: "remotes.0.url" });
  });

  it("refuses URL templates, because a server identity needs a concrete resource URI", () => {
    const errors = errorsOf({ ...weather, remotes: [{ type: "sse", url: "https://a.example.com/sse" }, { type: "streamable-http", url: "https://{tenant}.acme.example.com/mcp", variables: { tenant: { isRequired: true } } }] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: "remotes.1.url" });
    expect(errors[0]!.message).toContain("{tenant}");
  });

  it("refuses URLs that are not resource indicators", () => {
    expect(errorsOf({ ...weather, remotes: [{ type: "streamable-http", url: "http://weather.example.com/mcp" }] })).toEqual([{ path: "remotes.0.url", message: "Must use https (http is allowed for localhost only)" }]);
    expect(pathsOf({ ...weather, remotes: [{ type: "streamable-http", url: "weather.example.com" }] })).toEqual(["remotes.0.url"]);
    expect(pathsOf({ ...weather, remotes: [{ type: "streamable-http", url: "https://weather.example.com/mcp#x" }] })).toEqual(["remotes.0.url"]);
  });

  it("refuses stdio-only and remote-less documents with a message that says what to do", () => {
    const { remotes: _remotes, ...local } = weather;
    expect(errorsOf({ ...local, packages: [{ registryType: "npm", identifier: "@acme/weather", version: "1.2.0", transport: { type: "stdio" } }] })).toEqual([{ path: "remotes", message: STDIO_ONLY_MESSAGE }]);
    expect(errorsOf({ ...local, packages: [{ registryType: "oci", identifier: "acme/weather", transport: { type: "streamable-http", url: "http://localhost:{port}/mcp" } }] })).toEqual([{ path: "remotes", message: PACKAGES_ONLY_MESSAGE }]);
    expect(errorsOf({ ...local, remotes: [] })).toEqual([{ path: "remotes", message: NO_REMOTE_MESSAGE }]);
  });
});

describe("parseJsonText and documentsFromText", () => {
  it("reads JSON text, ignoring a byte-order mark", () => {
    expect(parseJsonText('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it("gives the line and column of a syntax error", () => {
    const result = parseJsonText('{\n  "name": "x",\n  "version" "1"\n}');
    expect(result).toMatchObject({ ok: false, line: 3, column: 13 });
    expect(result.ok ? "" : result.message).not.toMatch(/position/);
  });

  it("places an early end of input at the end of the text", () => {
    expect(parseJsonText('{\n  "a": 1,')).toMatchObject({ ok: false, line: 2, column: 10 });
    expect(parseJsonText("   ")).toMatchObject({ ok: false, line: null });
  });

  it("splits text into documents, or says why not", () => {
    expect(documentsFromText(JSON.stringify({ servers: [{ server: weather }] }))).toEqual({ ok: true, documents: [weather] });
    expect(documentsFromText('"just a string"')).toEqual({ ok: false, message: SHAPE_MESSAGE, line: null, column: null });
  });
});
