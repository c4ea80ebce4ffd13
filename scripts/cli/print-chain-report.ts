// How the CLI reports an audit chain verification (`audit verify`, and after a
// restore): one line when intact, the first break on stderr otherwise. Returns the exit code.
import type { ChainReport } from "@/lib/audit/verify";

export function printChainReport(report: ChainReport): number {
  if (report.ok) {
    console.log(`Audit chain intact: ${report.checked} events verified in ${report.durationMs} ms (head ${report.headSeq}).`);
    return 0;
  }
  console.error(`AUDIT CHAIN BROKEN at event ${report.firstBreak!.seq}${report.firstBreak!.id ? ` (${report.firstBreak!.id})` : ""}: ${report.firstBreak!.reason}`);
  console.error(`${report.checked} events before it verified.`);
  return 1;
}
