// react-query keys for trusted attesters.
export const attesterKeys = { all: ["attesters"] as const, list: () => [...attesterKeys.all, "list"] as const };
