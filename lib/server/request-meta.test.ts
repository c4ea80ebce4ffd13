import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/server/request-meta";

const proxies = new Set(["10.0.0.2", "10.0.0.3"]);

describe("clientAddress", () => {
  it("uses the socket when it is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(clientAddress("198.51.100.7", "1.2.3.4", proxies)).toBe("198.51.100.7");
  });
  it("takes the nearest untrusted hop behind trusted proxies", () => {
    expect(clientAddress("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.3", proxies)).toBe("203.0.113.9");
  });
  it("ignores garbage hops and falls back to the socket without a header", () => {
    expect(clientAddress("10.0.0.2", "not-an-ip, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", undefined, proxies)).toBe("10.0.0.2");
  });
});
