// Prefixed, time-ordered identifiers: the prefix says what an id is
// (`srv_01J…`), and ULIDs sort by creation time, which cursor pagination uses.
import { monotonicFactory } from "ulid";

export const ID_PREFIXES = {
  user: "usr",
  account: "acc",
  session: "ses",
  apiToken: "tok",
  server: "srv",
  agent: "agt",
  resource: "res",
  gateway: "gwy",
  key: "key",
  keyChallenge: "kch",
  revocation: "rvk",
  client: "cli",
  tool: "tool",
  catalogVersion: "cat",
  catalogProposal: "cpr",
  grant: "grt",
  exchangePolicy: "xpl",
  auditEvent: "evt",
  request: "req",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const next = monotonicFactory();

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${next().toLowerCase()}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`);
}
