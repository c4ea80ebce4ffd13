import { publicUrl } from "@/lib/config/env";

export const POLICY_BUNDLE_PATH = "/policy/v1/bundle";
export const policyBundleEndpoint = () => `${publicUrl()}${POLICY_BUNDLE_PATH}`;
