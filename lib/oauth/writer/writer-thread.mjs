// The token service's SQLite writer thread (started by ./sqlite-writer.ts).
// It owns a second connection to the database file and runs the hot path's
// write transactions — the group commit's single-use values and audit rows,
// the rate limiter's counters, the pruning of spent single-use values — so
// that BEGIN IMMEDIATE, the inserts, their index updates and COMMIT's WAL
// writes no longer occupy the main thread, which meanwhile parses, verifies
// and signs the next requests. Plain JavaScript because a worker thread starts
// without the TypeScript loader; it knows no table layout of its own: every
// statement comes from the main thread in workerData (the column lists stay
// defined once, in TypeScript). It decides nothing either: it reports
// replays and a moved audit chain head, and the main thread rebuilds the batch.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

/** @type {{ role: "writer" | "checkpointer", file: string, pragmas: string, sql: Record<string, string>, writerAutocheckpointPages: number, checkpointEveryMs: number }} */
const { role, file, pragmas, sql, writerAutocheckpointPages, checkpointEveryMs } = workerData;
const database = new Database(file);
database.exec(pragmas);

function onClose(message) {
  database.close();
  parentPort.postMessage({ id: message.id, result: true });
  parentPort.close();
}

if (role === "checkpointer") {
  // Copies committed WAL frames into the database file in the background (PASSIVE: it takes no
  // lock a writer waits for), so the writer's own checkpoints — which stall every batch behind
  // them — are rare and short: they find the frames copied already.
  const timer = setInterval(() => database.pragma("wal_checkpoint(PASSIVE)"), checkpointEveryMs);
  parentPort.on("message", (message) => {
    if (message.op !== "close") return;
    clearInterval(timer);
    onClose(message);
  });
} else {
  serveWrites();
}

function serveWrites() {
  // the writer checkpoints only when the WAL outgrew what the checkpointer keeps up with
  database.pragma(`wal_autocheckpoint = ${writerAutocheckpointPages}`);

  const insertSingleUse = database.prepare(sql.insertSingleUse);
  const readHead = database.prepare(sql.readHead).safeIntegers(true);
  const insertEvent = database.prepare(sql.insertEvent);
  const insertScope = database.prepare(sql.insertScope);
  const updateHead = database.prepare(sql.updateHead);
  const countHit = database.prepare(sql.countHit);
  const pruneSingleUse = database.prepare(sql.pruneSingleUse);

  /** Thrown inside a transaction to roll it back and answer with `reply`. */
  class Abort {
    constructor(reply) {
      this.reply = reply;
    }
  }

  /**
   * One group commit. Single-use values first: any that is already stored was
   * replayed, and the batch is rolled back so that the main thread can write the
   * refusal events instead. Then the audit rows, only if the chain head is still
   * the one they were chained to (another connection may have appended since).
   */
  const commitBatch = database.transaction((batch) => {
    const replayed = [];
    for (const [key, expiresAt] of batch.singleUse) if (insertSingleUse.run(key, expiresAt).changes !== 1) replayed.push(key);
    if (replayed.length > 0) throw new Abort({ replayed });
    if (batch.appends) {
      const head = readHead.get();
      if (!head) throw new Error("The audit chain head is missing (run the migrations)");
      if (batch.expectHead === null || head.seq !== batch.expectHead.seq || head.hash !== batch.expectHead.hash) throw new Abort({ head: { seq: head.seq, hash: head.hash } });
      for (const values of batch.events) insertEvent.run(values);
      for (const [scope, seq] of batch.scopes) insertScope.run(scope, seq);
      updateHead.run(batch.newHead.seq, batch.newHead.hash);
    }
    return { ok: true };
  });

  const countHits = database.transaction((rows) => rows.map((row) => countHit.get(row)));

  function run(message) {
    switch (message.op) {
      case "commit":
        return commitBatch.immediate(message.batch);
      case "count":
        return countHits.immediate(message.rows);
      case "prune":
        return { pruned: pruneSingleUse.run(message.before).changes };
      default:
        throw new Error(`unknown writer operation ${String(message.op)}`);
    }
  }

  parentPort.on("message", (message) => {
    if (message.op === "close") {
      onClose(message);
      return;
    }
    try {
      parentPort.postMessage({ id: message.id, result: run(message) });
    } catch (error) {
      if (error instanceof Abort) parentPort.postMessage({ id: message.id, result: error.reply });
      else parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
