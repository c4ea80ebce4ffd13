// Recertification: review items past their campaign's due date, and how many
// identities were certified within the policy (RECERTIFY_AFTER_DAYS).
import "server-only";
import { RECERTIFY_AFTER_DAYS } from "@/lib/campaigns/decide-item";
import type { CardSpec } from "@/lib/posture/card-spec";
import { liveIdentities } from "@/lib/posture/scope";

/** Awaiting a decision (escalated items wait for the fallback reviewer), as the campaign dashboard counts them. */
const OPEN_ITEM = ["open", "escalated"];
/** Campaigns whose items can still be decided. */
const RUNNING = ["active", "generating"];

export const REVIEW_CARDS: CardSpec[] = [
  {
    id: "reviews-overdue",
    group: "recertification",
    kind: "count",
    severity: "critical",
    views: ["estate", "mine"],
    // who may see review items: campaign readers estate-wide, reviewers their own
    requires: (view) => (view === "estate" ? "campaigns:read" : "reviews:decide"),
    title: (scope) => (scope.view === "mine" ? "My overdue reviews" : "Overdue review items"),
    description: (scope) =>
      scope.view === "mine"
        ? "Review items assigned to you in running campaigns whose due date has passed: the campaign's policy is about to decide for you."
        : "Undecided review items in running campaigns whose due date has passed.",
    rows: {
      source: "campaignItem",
      where: (scope) => ({
        status: { in: OPEN_ITEM },
        campaign: { status: { in: RUNNING }, dueAt: { lt: scope.now } },
        ...(scope.ownerId ? { reviewerId: scope.ownerId } : {}),
      }),
    },
  },
  {
    id: "certified-within-policy",
    group: "recertification",
    kind: "share",
    views: ["estate", "mine"],
    title: "Certified within policy",
    description: `Identities whose owner certified them in a review in the last ${RECERTIFY_AFTER_DAYS} days (their next certification is not yet due).`,
    part: { source: "identity", where: (scope) => liveIdentities(scope, { nextCertificationDue: { gt: scope.now } }) },
    gap: { source: "identity", where: (scope) => liveIdentities(scope, { OR: [{ nextCertificationDue: null }, { nextCertificationDue: { lte: scope.now } }] }) },
  },
];
