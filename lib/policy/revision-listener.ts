// On PostgreSQL, instances hear about policy changes instead of polling for
// them: bumpPolicyRevision (lib/policy/revision.ts) sends
// NOTIFY warden_policy in the changing transaction, which PostgreSQL delivers
// to every listener when it commits, and each instance holds one connection
// that LISTENs. A notification makes the policy cache read the revision at once
// (lib/policy/policy-cache.ts), which drops stale lookups and wakes held
// bundle long polls — on every instance, within milliseconds of the commit.
// The connection reconnects with backoff (and the cache catches up on
// reconnect); while it is down the cache falls back to polling.
import pg from "pg";
import { logger } from "@/lib/log";

export const POLICY_CHANNEL = "warden_policy";
const MAX_BACKOFF_MS = 10_000;

export type RevisionListener = {
  /** true while LISTEN is in effect on a live connection */
  listening(): boolean;
  close(): void;
};

export function listenForRevisions(connectionString: string, onChange: () => void): RevisionListener {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let backoff = 500;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const scheduleReconnect = () => {
    listening = false;
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, backoff);
    retry.unref();
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const connection = new pg.Client({ connectionString, application_name: "warden-policy-listener" });
    client = connection;
    connection.on("notification", (message) => {
      if (message.channel === POLICY_CHANNEL) onChange();
    });
    connection.on("error", (error) => {
      logger().warn({ err: error }, "the policy change listener lost its connection; polling until it reconnects");
      void connection.end().catch(() => undefined);
      if (client === connection) scheduleReconnect();
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${POLICY_CHANNEL}`);
      if (closed || client !== connection) {
        void connection.end().catch(() => undefined);
        return;
      }
      listening = true;
      backoff = 500;
      onChange(); // whatever changed while not listening
    } catch (error) {
      logger().warn({ err: error }, "could not LISTEN for policy changes; polling until it can");
      void connection.end().catch(() => undefined);
      if (client === connection) scheduleReconnect();
    }
  }

  void connect();
  return {
    listening: () => listening,
    close() {
      closed = true;
      listening = false;
      if (retry) clearTimeout(retry);
      void client?.end().catch(() => undefined);
      client = null;
    },
  };
}
