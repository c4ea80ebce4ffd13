// Today's denied calls, refusals and tokens (lib/posture/daily-counts.ts) are
// counted incrementally: each request adds the events appended since the
// previous one to what it kept. The numbers must equal a recount every time —
// after appends, with an event dated after the request's instant (left out,
// and nothing kept from that count), and for a later instant that includes it.
import { describe, expect, it } from "vitest";
import { appendAuditEvents, type AuditInput } from "@/lib/audit/append";
import type { AuditAction } from "@/lib/audit/actions";
import { transact } from "@/lib/db/transaction";
import { dailyCounts } from "@/lib/posture/daily-counts";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const DAY = 86_400_000;
const MINUTE = 60_000;
const START = new Date(Math.floor(Date.now() / DAY) * DAY);
// noon UTC of today: the request's instant; events are placed relative to it
const NOON = new Date(START.getTime() + DAY / 2);
const at = (minutes: number) => new Date(NOON.getTime() + minutes * MINUTE);

function event(action: AuditAction, when: Date, extra: Partial<AuditInput> = {}): AuditInput {
  return { action, at: when, actor: { type: "identity", id: null, label: "fixture" }, ...extra };
}
const append = (inputs: AuditInput[]) => transact((tx) => appendAuditEvents(tx, inputs));
const today = async (now: Date) => (await dailyCounts([START], now))[0];

describe("today's posture counts", () => {
  it("adds what was appended since the last request, and never counts an event dated after the request's instant", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        await append([
          event("mcp.decision", at(-90), { outcome: "denied" }),
          event("mcp.decision", at(-80)),
          event("token.issued", at(-70), { details: { tokenType: "DPoP" } }),
          event("token.refused", at(-60), { outcome: "denied" }),
          // yesterday: not today's
          event("mcp.decision", new Date(START.getTime() - MINUTE), { outcome: "denied" }),
        ]);
        expect(await today(NOON)).toEqual({ denied: 1, refusals: 1, issued: 1, senderConstrained: 1 });

        await append([event("mcp.decision", at(-30), { outcome: "denied" }), event("token.issued", at(-20), { details: { tokenType: "Bearer" } }), event("token.exchange_refused", at(-10), { outcome: "denied" })]);
        expect(await today(NOON)).toEqual({ denied: 2, refusals: 2, issued: 2, senderConstrained: 1 });
        // asked again with nothing new: the same
        expect(await today(NOON)).toEqual({ denied: 2, refusals: 2, issued: 2, senderConstrained: 1 });

        // an event dated ten minutes after the request's instant
        await append([event("mcp.decision", at(10), { outcome: "denied" }), event("mcp.decision", at(-5), { outcome: "denied" })]);
        expect(await today(NOON)).toEqual({ denied: 3, refusals: 2, issued: 2, senderConstrained: 1 });
        // a later instant includes it; then the earlier instant again leaves it out
        expect(await today(at(15))).toEqual({ denied: 4, refusals: 2, issued: 2, senderConstrained: 1 });
        await append([event("token.issued", at(1), { details: { tokenType: "DPoP" } })]);
        expect(await today(at(15))).toEqual({ denied: 4, refusals: 2, issued: 3, senderConstrained: 2 });
        expect(await today(NOON)).toEqual({ denied: 3, refusals: 2, issued: 2, senderConstrained: 1 });
        expect(await today(at(20))).toEqual({ denied: 4, refusals: 2, issued: 3, senderConstrained: 2 });
      });
    });
  });
});
