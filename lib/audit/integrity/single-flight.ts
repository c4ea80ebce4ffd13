// One run at a time per job in this process. The scheduler starts a tick every
// minute whether or not the last one finished, and the lease it holds is this
// process's, so a long run (a full walk of a large chain) would otherwise be
// started again by every following tick.
const slot = Symbol.for("warden.auditJobsRunning");
type Global = { [slot]?: Set<string> };

export async function singleFlight<T extends Record<string, unknown>>(name: string, run: () => Promise<T>): Promise<T | { skipped: string }> {
  const running = ((globalThis as Global)[slot] ??= new Set());
  if (running.has(name)) return { skipped: "the previous run is still going" };
  running.add(name);
  try {
    return await run();
  } finally {
    running.delete(name);
  }
}
