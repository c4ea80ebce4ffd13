// On PostgreSQL, a policy change is announced with NOTIFY warden_policy in the
// changing transaction (delivered at commit, never on rollback), and every
// instance's listener hears it and reads the revision at once — the
// multi-instance long-poll wake-up (tests/integration/oauth-multi-instance.test.ts)
// rides on this. PostgreSQL only (*.postgres.test.ts): on SQLite instances poll.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { resolveDbTarget } from "@/lib/db/target";
import { listenForRevisions, POLICY_CHANNEL, type RevisionListener } from "@/lib/policy/revision-listener";
import { oauthFixture } from "./helpers/oauth";

const url = () => {
  const target = resolveDbTarget();
  if (target.provider !== "postgresql") throw new Error("PostgreSQL only");
  return target.url;
};

const until = async (condition: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return condition();
};

describe("policy change notifications (PostgreSQL)", () => {
  let raw: pg.Client;
  const heard: string[] = [];

  beforeAll(async () => {
    raw = new pg.Client({ connectionString: url() });
    await raw.connect();
    raw.on("notification", (message) => {
      if (message.channel === POLICY_CHANNEL) heard.push(message.payload ?? "");
    });
    await raw.query(`LISTEN ${POLICY_CHANNEL}`);
  });

  afterAll(async () => {
    await raw?.end();
  });

  it("announces the new revision when a change commits", async () => {
    const f = await oauthFixture();
    heard.length = 0;
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "notify test" } });
    const { revision } = await db().policyState.findUniqueOrThrow({ where: { id: 1 } });
    // other test files share the database and may announce theirs too
    expect(await until(() => heard.some((payload) => BigInt(payload) >= revision), 2000)).toBe(true);
  });

  it("says nothing for a change that rolls back", async () => {
    const { transact } = await import("@/lib/db/transaction");
    const { bumpPolicyRevision } = await import("@/lib/policy/revision");
    const revision = async () => (await db().policyState.findUniqueOrThrow({ where: { id: 1 } })).revision;
    // other test files share the database: try until a window in which nobody else changed policy
    let quiet = false;
    for (let attempt = 0; attempt < 5 && !quiet; attempt += 1) {
      const before = await revision();
      heard.length = 0;
      await expect(
        transact(async (tx) => {
          expect(await bumpPolicyRevision(tx)).toBe(before + 1n);
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      await new Promise((resolve) => setTimeout(resolve, 300));
      quiet = (await revision()) === before;
      if (quiet) expect(heard).toEqual([]);
    }
    expect(quiet).toBe(true);
  });

  it("a listener hears notifications, and reconnects after its connection is killed", async () => {
    let changes = 0;
    const listener: RevisionListener = listenForRevisions(url(), () => {
      changes += 1;
    });
    try {
      expect(await until(() => listener.listening(), 5000)).toBe(true);
      const afterConnect = changes; // it reads once on connecting
      await raw.query(`NOTIFY ${POLICY_CHANNEL}, '1'`);
      expect(await until(() => changes > afterConnect, 2000)).toBe(true);

      await raw.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'warden-policy-listener' AND pid <> pg_backend_pid()");
      expect(await until(() => !listener.listening(), 5000)).toBe(true);
      expect(await until(() => listener.listening(), 10_000)).toBe(true);
      const afterReconnect = changes;
      await raw.query(`NOTIFY ${POLICY_CHANNEL}, '2'`);
      expect(await until(() => changes > afterReconnect, 2000)).toBe(true);
    } finally {
      listener.close();
    }
  });
});
