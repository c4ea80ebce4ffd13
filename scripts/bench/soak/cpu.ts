// Where the cores went during a soak window: each instance's CPU time (its
// process tree, from /proc, as the token benchmark reads it), this load
// generator's own, and how busy the whole machine was (/proc/stat: everything
// but idle and iowait — PostgreSQL and whatever else runs here included). On
// two cores the throughput figures mean little without these.
import fs from "node:fs";
import { treeCpuSeconds } from "@/scripts/bench/token/cpu";

type MachineTicks = { busy: number; total: number };

function machineTicks(): MachineTicks | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { busy: total - fields[3]! - fields[4]!, total };
  } catch {
    return null;
  }
}

export type CpuSnapshot = { at: number; instances: (number | null)[]; self: NodeJS.CpuUsage; machine: MachineTicks | null };
/** Average cores used over the window (CPU seconds / wall seconds); machineBusy is a fraction of all cores. */
export type CpuUse = { instances: (number | null)[]; loadGenerator: number; machineBusy: number | null };

export function cpuSnapshot(pids: number[]): CpuSnapshot {
  return { at: performance.now(), instances: pids.map((pid) => treeCpuSeconds(pid)), self: process.cpuUsage(), machine: machineTicks() };
}

export function cpuSince(start: CpuSnapshot, pids: number[]): CpuUse {
  const end = cpuSnapshot(pids);
  const seconds = (end.at - start.at) / 1000;
  const self = process.cpuUsage(start.self);
  return {
    instances: end.instances.map((value, index) => (value === null || start.instances[index] === null ? null : (value - start.instances[index]!) / seconds)),
    loadGenerator: (self.user + self.system) / 1e6 / seconds,
    machineBusy: end.machine && start.machine && end.machine.total > start.machine.total ? (end.machine.busy - start.machine.busy) / (end.machine.total - start.machine.total) : null,
  };
}
