// The soak's printed report: the machine, each phase's table (per kind and in
// total: requests, req/s, p50/p95/p99, errors and the answers seen), each
// instance's memory, the first error samples, and for --compare the
// throughput ratio of three instances to one.
import os from "node:os";
import { HELD_KINDS, type PhaseResult } from "@/scripts/bench/soak/phase";

type Log = (line: string) => void;

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "—");
const mib = (bytes: number | null) => (bytes === null ? "—" : `${(bytes / 1048576).toFixed(1)} MiB`);

export function machineLine(): string {
  const [one, five] = os.loadavg();
  return `${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "unknown"}), node ${process.version}, load average ${one!.toFixed(2)} (1 min) ${five!.toFixed(2)} (5 min), ${(os.totalmem() / 1073741824).toFixed(1)} GiB RAM`;
}

/** Errors of the whole phase, warm-up included: anything but 0 fails the run. */
export function phaseErrors(result: PhaseResult): number {
  return result.total.errors + result.warmup.errors;
}

export const requestsPerSecond = (requests: number, result: PhaseResult) => requests / result.seconds;

function row(name: string, requests: number, result: PhaseResult, latency: { percentile: (p: number) => number } | null, errors: number, answers: string): string {
  const cells = [
    name.padEnd(13),
    fmt(requests).padStart(10),
    fmt(requestsPerSecond(requests, result), 1).padStart(9),
    ...[50, 95, 99].map((p) => (latency ? fmt(latency.percentile(p), 1) : "—").padStart(9)),
    fmt(errors).padStart(7),
  ];
  return `    ${cells.join(" ")}   ${answers}`;
}

export function printPhase(result: PhaseResult, log: Log): void {
  log(`\n  ${result.label}: ${fmt(result.seconds, 1)} s measured; load average ${result.loadAverage.start.toFixed(2)} at the start, ${result.loadAverage.end.toFixed(2)} at the end`);
  log(`    ${"kind".padEnd(13)} ${"requests".padStart(10)} ${"req/s".padStart(9)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)} ${"p99 ms".padStart(9)} ${"errors".padStart(7)}   answers`);
  for (const stats of result.kinds) {
    const answers = Object.entries(stats.answers)
      .sort((a, b) => b[1] - a[1])
      .map(([answer, count]) => `${answer} ×${fmt(count)}`)
      .join(", ");
    log(row(stats.kind, stats.requests, result, stats.latency, stats.errors, answers));
  }
  const held = result.kinds.filter((stats) => HELD_KINDS.includes(stats.kind)).map((stats) => stats.kind);
  log(row("total", result.total.requests, result, result.total.latency, result.total.errors, held.length ? `(latency without ${held.join(", ")}: held for --wait by design)` : ""));
  for (const stats of result.kinds) {
    // slowest first: where a mixed kind's tail comes from
    for (const [route, latency] of [...stats.routes].sort((a, b) => b[1].percentile(99) - a[1].percentile(99))) {
      log(`      ${`${stats.kind}: GET ${route}`.padEnd(60)} ${fmt(latency.count).padStart(8)}  p50 ${fmt(latency.percentile(50), 1).padStart(7)} ms  p99 ${fmt(latency.percentile(99), 1).padStart(7)} ms`);
    }
  }
  result.memory.forEach((memory, index) => {
    const growth = memory.startBytes !== null && memory.endBytes !== null ? ` (${memory.endBytes >= memory.startBytes ? "+" : ""}${mib(memory.endBytes - memory.startBytes)}, ${fmt(((memory.endBytes - memory.startBytes) / memory.startBytes) * 100, 1)} %)` : "";
    log(`    instance ${index + 1} (server pid ${memory.pid ?? "—"}): RSS ${mib(memory.startBytes)} after the warm-up → ${mib(memory.endBytes)} at the end${growth}, max ${mib(memory.maxBytes)}`);
  });
  const cores = (value: number | null) => (value === null ? "—" : value.toFixed(2));
  const { cpu } = result;
  log(
    `    CPU over the window (cores in use on average): ${cpu.instances.map((value, index) => `instance ${index + 1} ${cores(value)}`).join(", ")}, load generator ${cores(cpu.loadGenerator)}` +
      `; the machine ${cpu.machineBusy === null ? "—" : `${Math.round(cpu.machineBusy * 100)} % busy`} (${os.cpus().length} cores, PostgreSQL and anything else running included)`,
  );
  for (const note of result.notes ?? []) log(`    ${note}`);
  if (result.warmup.errors) log(`    warm-up: ${fmt(result.warmup.errors)} errors of ${fmt(result.warmup.requests)} requests`);
  const samples = [...result.warmup.errorSamples.map((sample) => `warm-up ${sample}`), ...result.kinds.flatMap((stats) => stats.errorSamples.map((sample) => `${stats.kind}: ${sample}`))];
  for (const sample of samples.slice(0, 10)) log(`      ✗ ${sample}`);
  const errors = phaseErrors(result);
  log(`    error rate: ${errors === 0 ? "0" : `${fmt((errors / Math.max(1, result.total.requests + result.warmup.requests)) * 100, 3)} % (${fmt(errors)} errors)`}`);
}

/**
 * What the instances logged at warn level or above (pino JSON lines), counted,
 * with the first few messages: a soak with no failed request can still show
 * trouble there. Only the message is quoted, never the line's other fields.
 */
export function instanceLogNotes(outputs: string[]): string[] {
  const notes: string[] = [];
  outputs.forEach((output, index) => {
    const messages: string[] = [];
    for (const line of output.split("\n")) {
      if (!line.startsWith("{")) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) >= 40) messages.push(`${entry.level! >= 50 ? "error" : "warn"}: ${String(entry.msg).slice(0, 160)}`);
      } catch {
        // not a log line
      }
    }
    const distinct = [...new Set(messages)];
    notes.push(`instance ${index + 1} logged ${messages.length} warnings or errors${distinct.length ? `: ${distinct.slice(0, 3).join(" | ")}` : ""}`);
  });
  return notes;
}

/** The throughput of `three` over `one`, in total and per kind (long polls excluded: their rate is set by --wait). */
export function scaling(one: PhaseResult, three: PhaseResult): { total: number; kinds: Record<string, number> } {
  const rate = (result: PhaseResult, kind?: string) => {
    const picked = result.kinds.filter((stats) => (kind ? stats.kind === kind : !HELD_KINDS.includes(stats.kind)));
    return picked.reduce((sum, stats) => sum + stats.requests, 0) / result.seconds;
  };
  const kinds: Record<string, number> = {};
  for (const stats of one.kinds) if (!HELD_KINDS.includes(stats.kind)) kinds[stats.kind] = rate(three, stats.kind) / rate(one, stats.kind);
  return { total: rate(three) / rate(one), kinds };
}

export function printComparison(one: PhaseResult, three: PhaseResult, log: Log): void {
  const factor = scaling(one, three);
  const rate = (result: PhaseResult) => result.kinds.filter((stats) => !HELD_KINDS.includes(stats.kind)).reduce((sum, stats) => sum + stats.requests, 0) / result.seconds;
  log(`\n  scaling, ${three.instances} instances / ${one.instances} (same workload, same database provider): ${factor.total.toFixed(2)}× (${fmt(rate(one), 1)} → ${fmt(rate(three), 1)} req/s, long polls excluded)`);
  log(`    per kind: ${Object.entries(factor.kinds).map(([kind, value]) => `${kind} ${value.toFixed(2)}×`).join(", ")}`);
  log(`    p99 of all requests: ${fmt(one.total.latency.percentile(99), 1)} ms → ${fmt(three.total.latency.percentile(99), 1)} ms`);
}

export function printCpuNote(instances: number, log: Log): void {
  const cpus = os.cpus().length;
  if (cpus <= instances + 1) {
    log(`  note: ${cpus} CPUs for ${instances} instance${instances === 1 ? "" : "s"}, the database and this load generator: they compete for the same cores, so throughput is bounded by the machine, and a scaling factor measured here says little about more cores.`);
  }
}
