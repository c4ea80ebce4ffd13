// react-query keys for identity keys (the public keys an identity signs with).
export const keyKeys = {
  all: ["identity-keys"] as const,
  list: (identityId: string) => [...keyKeys.all, identityId] as const,
};
