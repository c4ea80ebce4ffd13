import { publicUrl } from "@/lib/config/env";

export const POLICY_BUNDLE_PATH = "/policy/v1/bundle";
export const POLICY_STATUS_PATH = "/policy/v1/status";
export const policyBundleEndpoint = () => `${publicUrl()}${POLICY_BUNDLE_PATH}`;
export const policyStatusEndpoint = () => `${publicUrl()}${POLICY_STATUS_PATH}`;
