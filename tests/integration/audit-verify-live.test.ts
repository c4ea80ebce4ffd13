// Verifying the audit chain while Warden keeps writing to it: events appended
// after the verifier read the head are not "removed tail" breaks.
import { describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";
import { transact } from "@/lib/db/transaction";
import { withFreshDatabase } from "./helpers/fresh-database";

describe("audit chain verification under concurrent writes", () => {
  it("reports an intact chain while other requests append events", async () => {
    await withFreshDatabase(async (client) => {
      const append = (index: number) =>
        transact((tx) => appendAuditEvent(tx, { action: "user.updated", actor: { type: "system", id: null, label: "test" }, details: { index } }), client);
      for (let i = 0; i < 20; i += 1) await append(i);

      const total = 120;
      let done = false;
      const writer = (async () => {
        for (let i = 0; i < total; i += 1) await append(20 + i);
        done = true;
      })();
      const reports = [];
      while (!done && reports.length < 40) reports.push(await verifyAuditChain(client, { batchSize: 7 }));
      await writer;
      const written = 20 + total;
      expect(reports.length).toBeGreaterThan(0);
      for (const report of reports) {
        expect(report.firstBreak).toBeNull();
        expect(report.ok).toBe(true);
        expect(report.checked).toBe(Number(report.headSeq));
      }
      const final = await verifyAuditChain(client);
      expect(final).toMatchObject({ ok: true, checked: written, headSeq: String(written) });
    });
  });
});
