// One batch to a JSON Lines file: every record a line, appended with one write
// and flushed to disk (fsync) before the batch counts as delivered. A failed
// write is cut back off, so a retry never leaves half a line in the middle of
// the file. The file must stay under the sink directory: a symlinked directory
// leading out of it, or a symlink as the file itself, is refused.
import { constants } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { isInside } from "@/lib/audit/sinks/targets";
import type { Attempt } from "@/lib/notifications/attempt";
import { shortError } from "@/lib/notifications/short-error";
import type { ExportRecord } from "@/lib/audit/otel-fields";

export function jsonLines(records: ExportRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join("");
}

export async function appendJsonLines(options: { file: string; sinkDir: string; records: ExportRecord[] }): Promise<Attempt> {
  const { file, sinkDir } = options;
  if (!isInside(sinkDir, file)) return { ok: false, status: null, error: `The file is outside the sink directory ${sinkDir} (was WARDEN_AUDIT_SINK_DIR changed?)` };
  const data = Buffer.from(jsonLines(options.records), "utf8");
  try {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const [realDir, realParent] = await Promise.all([fs.realpath(sinkDir), fs.realpath(path.dirname(file))]);
    if (realParent !== realDir && !isInside(realDir, realParent)) return { ok: false, status: null, error: "The file's directory leads outside the sink directory (a symbolic link)" };
    // O_NOFOLLOW: the file itself must not be a symlink to somewhere else
    const handle = await fs.open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      const { size } = await handle.stat();
      try {
        const { bytesWritten } = await handle.write(data, 0, data.length);
        if (bytesWritten !== data.length) throw new Error(`Wrote ${bytesWritten} of ${data.length} bytes`);
        await handle.sync();
      } catch (error) {
        await handle.truncate(size).catch(() => undefined);
        throw error;
      }
    } finally {
      await handle.close();
    }
    return { ok: true, status: null };
  } catch (error) {
    return { ok: false, status: null, error: shortError(error) };
  }
}
