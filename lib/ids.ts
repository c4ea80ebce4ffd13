// Prefixed, time-ordered identifiers: the prefix says what an id is
// (`srv_01J…`), and ULIDs sort by creation time, which cursor pagination uses.
import crypto from "node:crypto";
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
  accessToken: "at",
  auditEvent: "evt",
  request: "req",
  campaign: "cmp",
  campaignItem: "citm",
  webhookEndpoint: "whk",
  notification: "ntf",
  auditAnchor: "anc",
  auditCheck: "achk",
  auditPrune: "aprn",
  auditSink: "snk",
  attester: "att",
  accessRequest: "arq",
  accessApproval: "apv",
  toxicPolicy: "txp",
  toxicFinding: "txf",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// ulid's default PRNG asks the CSPRNG for one byte per character (16 calls an
// id); this one draws from a pooled buffer of CSPRNG bytes. ulid maps the
// value to one of 32 characters, and 256 is a multiple of 32, so each
// character stays uniform.
const pool = Buffer.alloc(4096);
let used = pool.length;
function pooledRandom(): number {
  if (used === pool.length) {
    crypto.randomFillSync(pool);
    used = 0;
  }
  return pool[used++]! / 256;
}

const next = monotonicFactory(pooledRandom);

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${next().toLowerCase()}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`);
}
