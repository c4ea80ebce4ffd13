// Graceful shutdown (docs/reliability.md). On SIGTERM or SIGINT the instance
// stops accepting connections, raises the drain signal (held policy long polls
// answer 304 at once, and every response from now on closes its connection),
// lets the requests in flight finish, stops the scheduler after the job it is
// running, closes the database and exits 0. Whatever is still open when the
// grace period ends is cut off. A second signal exits at once — unless it comes
// within DUPLICATE_MS of the first: a Ctrl-C in a terminal reaches the whole
// process group, and npm and tsx each pass it on to the server as well.
import type http from "node:http";
import { logger } from "@/lib/log";
import { startDraining } from "@/lib/server/draining";

export type ShutdownOptions = {
  server: http.Server;
  graceSeconds: number;
  /** resolves once the job running now (if any) has finished; no job starts after it is called */
  stopScheduler?: () => Promise<void>;
  disconnect: () => Promise<void>;
  exit?: (code: number) => void;
};

/** How long closing the database may take before the process exits anyway. */
const DISCONNECT_TIMEOUT_MS = 5_000;
/** Connections that finished a response begun before the drain stay open (keep-alive) unless closed. */
const IDLE_SWEEP_MS = 100;
/** Signals this soon after the first are copies of it, not a second request. */
const DUPLICATE_MS = 500;
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

function withTimeout(promise: Promise<void>, ms: number, message: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The shutdown procedure for `server`: call it with the signal that asked for it. */
export function gracefulShutdown(options: ShutdownOptions): (signal: NodeJS.Signals) => Promise<void> {
  const { server } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let startedAt: number | null = null;
  return async (signal) => {
    if (startedAt !== null) {
      if (Date.now() - startedAt < DUPLICATE_MS) return;
      logger().warn({ signal }, "second shutdown signal: exiting without waiting for the drain");
      exit(SIGNAL_EXIT_CODES[signal] ?? 1);
      return;
    }
    startedAt = Date.now();
    const graceMs = options.graceSeconds * 1000;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const answeredPolls = startDraining();
    logger().info({ signal, graceSeconds: options.graceSeconds, answeredPolls }, "shutting down: draining requests in flight");
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    let cutOff = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const graceOver = new Promise<void>((resolve) => {
      graceTimer = setTimeout(() => {
        cutOff = true;
        server.closeAllConnections();
        resolve();
      }, graceMs);
    });
    const scheduler = (options.stopScheduler?.() ?? Promise.resolve()).catch((error: unknown) => logger().error({ err: error }, "the scheduler did not stop cleanly"));
    await Promise.race([Promise.all([closed, scheduler]), graceOver]);
    clearInterval(sweep);
    clearTimeout(graceTimer);
    let exitCode = 0;
    try {
      await withTimeout(options.disconnect(), DISCONNECT_TIMEOUT_MS, "closing the database timed out");
    } catch (error) {
      exitCode = 1;
      logger().error({ err: error }, "could not close the database");
    }
    const elapsedMs = Date.now() - startedAt;
    if (cutOff) logger().warn({ elapsedMs, exitCode }, "shutdown: the grace period ended; closed the connections still open");
    else logger().info({ elapsedMs, exitCode }, "shutdown: drained; exiting");
    exit(exitCode);
  };
}

/** Runs the graceful shutdown on SIGTERM and SIGINT. */
export function installGracefulShutdown(options: ShutdownOptions): void {
  const shutdown = gracefulShutdown(options);
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void shutdown(signal));
}
