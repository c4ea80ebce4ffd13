// react-query keys for Warden's signing keys.
export const signingKeyKeys = { all: ["signing-keys"] as const, list: () => [...signingKeyKeys.all, "list"] as const };
