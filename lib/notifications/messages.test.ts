import { describe, expect, it } from "vitest";
import { campaignEmail, webhookPayload } from "@/lib/notifications/messages";
import { shortError } from "@/lib/notifications/short-error";

const campaign = { id: "cmp_01kb0000000000000000000000", name: "Q3 grants", dueAt: new Date("2026-12-01T00:00:00Z") };

describe("campaign emails", () => {
  it("says what, how many and by when in the subject", () => {
    expect(campaignEmail("campaign.reminder", campaign, { name: "Rita" }, 12, {}).subject).toBe('[Warden] Reminder: 12 items to review in "Q3 grants" by 2026-12-01');
    expect(campaignEmail("campaign.launched", campaign, { name: "Rita" }, 1, {}).subject).toBe('[Warden] New review: 1 item to review in "Q3 grants" by 2026-12-01');
    expect(campaignEmail("campaign.escalated", campaign, { name: "Rita" }, 0, {}).subject).toBe('[Warden] Escalated: items to review in "Q3 grants" by 2026-12-01');
    expect(campaignEmail("campaign.closed", { ...campaign, name: "Q3\ngrants" }, { name: "Rita" }, 3, { reason: "deadline" }).subject).toBe('[Warden] Closed: "Q3 grants"');
  });

  it("links to the reviews and escapes names in the HTML part", () => {
    const email = campaignEmail("campaign.reminder", { ...campaign, name: "<b>Q3</b>" }, { name: "Rita & co" }, 2, {});
    expect(email.text).toContain("/reviews");
    expect(email.text).toContain("Hello Rita & co,");
    expect(email.html).toContain("Hello Rita &amp; co,");
    expect(email.html).toContain("&lt;b&gt;Q3&lt;/b&gt;");
    expect(email.html).not.toContain("<b>");
  });
});

describe("webhook payload", () => {
  it("carries the delivery id, the event, the campaign with its console URL and the details", () => {
    expect(webhookPayload("ntf_1", "campaign.closed", campaign, new Date("2026-12-01T00:00:05Z"), { reason: "deadline" })).toEqual({
      id: "ntf_1",
      event: "campaign.closed",
      occurredAt: "2026-12-01T00:00:05.000Z",
      campaign: { id: campaign.id, name: "Q3 grants", dueAt: "2026-12-01T00:00:00.000Z", url: expect.stringMatching(/\/campaigns\/cmp_01kb0000000000000000000000$/) },
      details: { reason: "deadline" },
    });
  });
});

describe("delivery errors", () => {
  it("are one short line without URL credentials", () => {
    const error = new Error("Invalid login at smtp://mailer:hunter2@mail.example.com:587\n  535 Authentication failed");
    expect(shortError(error)).toBe("Invalid login at smtp://***@mail.example.com:587 535 Authentication failed");
    expect(shortError(new Error("fetch failed", { cause: { code: "ECONNREFUSED" } }))).toBe("fetch failed: ECONNREFUSED");
    expect(shortError("x".repeat(500))).toHaveLength(200);
  });
});
