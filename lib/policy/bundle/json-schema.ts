// The policy bundle's JSON schema, generated from ZPolicyBundle and published at
// /schemas/policy-bundle-v1.json (public/; lib/policy/bundle/json-schema.test.ts
// fails when the published file no longer matches the code).
import { z } from "zod";
import { ZPolicyBundle } from "@/lib/policy/bundle/document";

export const POLICY_BUNDLE_SCHEMA_PATH = "public/schemas/policy-bundle-v1.json";

export function policyBundleJsonSchema(): Record<string, unknown> {
  return { $id: "/schemas/policy-bundle-v1.json", title: "Warden policy bundle, version 1", ...z.toJSONSchema(ZPolicyBundle) };
}
