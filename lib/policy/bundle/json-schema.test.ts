import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POLICY_BUNDLE_SCHEMA_PATH, policyBundleJsonSchema } from "@/lib/policy/bundle/json-schema";

describe("the published policy bundle schema", () => {
  it("matches ZPolicyBundle (regenerate: see docs/policy-bundle.md)", () => {
    const published = JSON.parse(fs.readFileSync(path.join(process.cwd(), POLICY_BUNDLE_SCHEMA_PATH), "utf8")) as unknown;
    expect(published).toEqual(policyBundleJsonSchema());
  });
});
