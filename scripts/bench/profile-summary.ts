// Summarises a V8 CPU profile (.cpuprofile, as written by node --cpu-prof; the
// benchmarks write one per thread of Warden's server with
// WARDEN_BENCH_CPU_PROF=<dir>): self and inclusive shares per function, over
// the whole profile or over a window of it. Without a window it prints a
// timeline (samples per second, idle or busy, and how many fell under the lean
// JWKS and bundle answers), to find the windows of a benchmark's rounds.
// Usage: npx tsx scripts/bench/profile-summary.ts <file> [--from 9 --to 13] [--self 40] [--inclusive 60]
import fs from "node:fs";
import { parseArgs } from "node:util";

type Frame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { from: { type: "string" }, to: { type: "string" }, self: { type: "string", default: "40" }, inclusive: { type: "string", default: "60" } },
});
const file = positionals[0];
if (!file) {
  console.error("Usage: npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--from <s> --to <s>] [--self 40] [--inclusive 60]");
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const label = (id: number) => {
  const frame = byId.get(id)!.callFrame;
  return `${frame.functionName || "(anonymous)"} ${frame.url.split("/").slice(-2).join("/")}:${frame.lineNumber}`;
};
/** labels from the sampled frame to the root, each once */
const stack = (id: number) => {
  const labels = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) labels.add(label(current));
  return labels;
};
let clock = profile.startTime;
const secondsIn = profile.timeDeltas.map((delta) => ((clock += delta) - profile.startTime) / 1e6);

if (values.from === undefined || values.to === undefined) {
  const perSecond = new Map<number, { idle: number; busy: number; jwks: number; bundle: number }>();
  profile.samples.forEach((id, index) => {
    const second = Math.floor(secondsIn[index]!);
    const row = perSecond.get(second) ?? { idle: 0, busy: 0, jwks: 0, bundle: 0 };
    if (label(id).startsWith("(idle)")) row.idle += 1;
    else row.busy += 1;
    const labels = [...stack(id)];
    if (labels.some((name) => name.startsWith("answerJwks "))) row.jwks += 1;
    else if (labels.some((name) => name.startsWith("serveBundleFromMemory "))) row.bundle += 1;
    perSecond.set(second, row);
  });
  console.log("second  idle  busy  under answerJwks  under serveBundleFromMemory");
  for (const [second, row] of [...perSecond].sort((a, b) => a[0] - b[0])) console.log(`${String(second).padStart(6)} ${String(row.idle).padStart(5)} ${String(row.busy).padStart(5)} ${String(row.jwks).padStart(17)} ${String(row.bundle).padStart(28)}`);
  process.exit(0);
}

const from = Number(values.from);
const to = Number(values.to);
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  if (secondsIn[index]! < from || secondsIn[index]! >= to) return;
  total += 1;
  self.set(label(id), (self.get(label(id)) ?? 0) + 1);
  for (const name of stack(id)) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
});
const top = (counts: Map<string, number>, count: number) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, samples]) => `${((100 * samples) / total).toFixed(1).padStart(6)} %  ${name}`)
    .join("\n");
console.log(`${total} samples from ${from} s to ${to} s\n\nself:\n${top(self, Number(values.self))}\n\ninclusive:\n${top(inclusive, Number(values.inclusive))}`);
