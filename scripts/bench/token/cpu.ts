// CPU time used by a server under test: its process and every descendant
// (Warden runs as tsx → node), user + system, all threads, from Linux /proc.
// Throughput alone understates the difference between two servers when the
// load generator shares the machine's cores; CPU per token does not.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

let ticksPerSecond: number | null = null;
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

type Stat = { ppid: number; ticks: number };

function readStat(pid: string): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name is in parentheses and may contain spaces; fields after it are fixed (proc(5))
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** Seconds of CPU used so far by `rootPid` and its live descendants; null where /proc is unavailable. */
export function treeCpuSeconds(rootPid: number | undefined): number | null {
  if (rootPid === undefined || process.platform !== "linux") return null;
  const stats = new Map<number, Stat>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat) stats.set(Number(entry), stat);
  }
  const inTree = (pid: number): boolean => {
    for (let current = pid, hops = 0; current > 1 && hops < 64; hops += 1) {
      if (current === rootPid) return true;
      current = stats.get(current)?.ppid ?? 0;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, stat] of stats) if (inTree(pid)) ticks += stat.ticks;
  return ticks / clockTicks();
}
