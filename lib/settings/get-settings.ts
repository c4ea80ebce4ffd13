// Reads the settings (defaults for keys never set). Usable inside a transaction.
import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";
import { DEFAULT_SETTINGS, ZSettings, type Settings } from "@/lib/settings/defaults";

export async function readSettings(client: Tx | ReturnType<typeof db> = db()): Promise<Settings> {
  const rows = await client.setting.findMany();
  const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
  // a stored value that no longer fits the schema falls back to its default
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const field = ZSettings.shape[key].safeParse(stored[key]);
    if (field.success) merged[key] = field.data;
  }
  return merged as Settings;
}
