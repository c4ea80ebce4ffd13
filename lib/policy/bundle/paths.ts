import { publicUrl } from "@/lib/config/env";

export const POLICY_BUNDLE_PATH = "/policy/v1/bundle";
export const POLICY_STATUS_PATH = "/policy/v1/status";
export const POLICY_EVENTS_PATH = "/policy/v1/events";
export const policyBundleEndpoint = () => `${publicUrl()}${POLICY_BUNDLE_PATH}`;
export const policyStatusEndpoint = () => `${publicUrl()}${POLICY_STATUS_PATH}`;
export const policyEventsEndpoint = () => `${publicUrl()}${POLICY_EVENTS_PATH}`;
