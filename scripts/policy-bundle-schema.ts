// Writes public/schemas/policy-bundle-v1.json from ZPolicyBundle, after a change to
// lib/policy/bundle/document.ts: npx tsx --tsconfig tsconfig.node.json scripts/policy-bundle-schema.ts
import fs from "node:fs";
import { POLICY_BUNDLE_SCHEMA_PATH, policyBundleJsonSchema } from "@/lib/policy/bundle/json-schema";

fs.writeFileSync(POLICY_BUNDLE_SCHEMA_PATH, `${JSON.stringify(policyBundleJsonSchema(), null, 2)}\n`);
console.log(`wrote ${POLICY_BUNDLE_SCHEMA_PATH}`);
