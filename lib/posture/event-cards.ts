// Cards counted from the audit log (estate view, audit:read), all sums of the
// daily counts: the share of tokens issued DPoP-bound over the last 7 and 30
// UTC days, and the trend window's denied calls and token refusals. Each
// links to the audit explorer filtered to the events it counts.
import "server-only";
import { deniedCalls, tokenRefusals, tokensIssued } from "@/lib/posture/links";
import type { TPostureCard } from "@/lib/posture/schemas";
import { lastDays, type Activity } from "@/lib/posture/trends";

/**
 * Only client_credentials tokens (token.issued) are counted: an exchanged
 * token (token.exchanged) must be DPoP-bound whenever its subject token was.
 */
function share(id: "sender-constrained-7d" | "sender-constrained-30d", activity: Activity, days: number): TPostureCard {
  const sums = lastDays(activity, days);
  return {
    id,
    title: `Tokens issued sender-constrained (${days} days)`,
    description: `Share of the tokens issued to agents in the last ${days} days (UTC, today included) that were DPoP-bound; the rest were Bearer tokens anyone holding a copy can use.`,
    value: sums.senderConstrained,
    total: sums.issued,
    severity: sums.senderConstrained < sums.issued ? "warning" : "ok",
    href: tokensIssued(sums.from),
  };
}

export function tokenCards(activity: Activity): TPostureCard[] {
  return [share("sender-constrained-7d", activity, 7), share("sender-constrained-30d", activity, 30)];
}

/** The trend window's totals. */
export function activityCards(activity: Activity, days: number): TPostureCard[] {
  const sums = lastDays(activity, days);
  return [
    {
      id: "denied-calls",
      title: `Denied calls (${days} days)`,
      description: "MCP tool calls an enforcement point refused: missing grants, unapproved tools, revoked or wrong tokens.",
      value: sums.denied,
      total: null,
      severity: sums.denied > 0 ? "info" : "ok",
      href: deniedCalls(sums.from),
    },
    {
      id: "token-refusals",
      title: `Token refusals (${days} days)`,
      description: "Token requests Warden refused (issuance and exchange): bad client assertions, missing DPoP proofs, scopes not granted.",
      value: sums.refusals,
      total: null,
      severity: sums.refusals > 0 ? "info" : "ok",
      href: tokenRefusals(sums.from),
    },
  ];
}
