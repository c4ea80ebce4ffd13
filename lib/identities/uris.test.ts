import { describe, expect, it } from "vitest";
import { ZResourceUri } from "@/lib/identities/uris";

describe("ZResourceUri (RFC 8707 resource indicator)", () => {
  it("accepts https, and http for localhost only", () => {
    for (const uri of ["https://mcp.example.com/mcp", "https://mcp.example.com", "http://localhost:8080/mcp", "http://127.0.0.1/mcp", "http://[::1]:3000/mcp"]) {
      expect(ZResourceUri.safeParse(uri).success, uri).toBe(true);
    }
  });
  it("refuses relative, non-https, fragments and credentials", () => {
    for (const uri of ["", "mcp.example.com", "/mcp", "http://mcp.example.com/mcp", "ftp://mcp.example.com", "https://mcp.example.com/mcp#tools", "https://user:pw@mcp.example.com/mcp", `https://x.example.com/${"a".repeat(2100)}`]) {
      expect(ZResourceUri.safeParse(uri).success, uri).toBe(false);
    }
  });
});

describe("ZResourceUri templates", () => {
  it("refuses MCP Registry URL templates", () => {
    expect(ZResourceUri.safeParse("https://{tenant_id}.api.example.com/mcp").success).toBe(false);
  });
});
