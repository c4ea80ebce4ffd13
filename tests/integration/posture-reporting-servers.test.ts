// The posture card "servers reporting calls (24 h)" reads the servers with a
// reported call in the window from a per-process cache topped up with the
// events appended since the last request (lib/posture/reporting-servers.ts).
// Its answers must equal grouping the window from scratch, whatever order the
// requests' instants come in: a later instant drops servers whose calls left
// the window, an earlier one sees calls the cache never loaded, and a call
// dated after the request's instant is never counted.
import { describe, expect, it } from "vitest";
import { appendAuditEvents } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { serversReportingSince } from "@/lib/posture/reporting-servers";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOON = new Date(Math.floor(Date.now() / DAY) * DAY + DAY / 2);
const at = (hours: number) => new Date(NOON.getTime() + hours * HOUR);

const reported = (serverId: string, when: Date, action: "mcp.decision" | "mcp.tool_call" = "mcp.decision") =>
  transact((tx) => appendAuditEvents(tx, [{ action, at: when, actor: { type: "identity", id: null, label: "gateway" }, details: { serverId } }]));
/** The servers reporting in the 24 hours up to `now`, sorted. */
const reporting = async (now: Date) => (await serversReportingSince(new Date(now.getTime() - DAY), now)).sort();

describe("servers reporting calls in the last 24 hours", () => {
  it("answers as a fresh grouping of the window would, for later and earlier instants and after appends", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        await reported("srv_a", at(-2));
        await reported("srv_b", at(-25));
        await reported("srv_c", at(-3), "mcp.tool_call");
        // another action about a server is not a reported call
        await transact((tx) => appendAuditEvents(tx, [{ action: "token.issued", at: at(-1), actor: { type: "system", id: null, label: null }, details: { serverId: "srv_d" } }]));

        // first asked for an instant 23 hours on: the window starts at -1 h, after every call so far
        expect(await reporting(at(23))).toEqual([]);
        // an earlier instant needs calls the cache never loaded
        expect(await reporting(NOON)).toEqual(["srv_a", "srv_c"]);

        // appended since: srv_b again, inside the window; srv_e outside it
        await reported("srv_b", at(-1));
        await reported("srv_e", at(-30));
        expect(await reporting(NOON)).toEqual(["srv_a", "srv_b", "srv_c"]);
        // 22.5 hours on, srv_a (-2 h) and srv_c (-3 h) have left the window
        expect(await reporting(at(22.5))).toEqual(["srv_b"]);
        // and back: they are in again
        expect(await reporting(NOON)).toEqual(["srv_a", "srv_b", "srv_c"]);

        // a call dated ten minutes after the request's instant is not counted, then is for a later instant
        await reported("srv_f", at(1 / 6));
        expect(await reporting(NOON)).toEqual(["srv_a", "srv_b", "srv_c"]);
        expect(await reporting(at(0.5))).toEqual(["srv_a", "srv_b", "srv_c", "srv_f"]);
        expect(await reporting(NOON)).toEqual(["srv_a", "srv_b", "srv_c"]);
      });
    });
  });
});
