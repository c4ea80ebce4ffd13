// Evidence export for auditors: every item of a campaign with its decision,
// reviewer, time, comment and resulting action, as CSV (streamed, a page at a
// time) or as JSON signed by Warden. The JSON is a JWS in the flattened JSON
// serialization (RFC 7515 §7.2.2) with typ EVIDENCE_TYP, signed with Warden's
// current signing key: anyone can verify it later against
// /.well-known/jwks.json (while the key is published) with any JOSE library,
// e.g. jose's flattenedVerify. Each export is an audit event.
import "server-only";
import { FlattenedSign } from "jose";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { EVIDENCE_COLUMNS, evidenceRows, type EvidenceRow } from "@/lib/campaigns/evidence-rows";
import { presentCampaign } from "@/lib/campaigns/present";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors/app-error";
import { ISSUER } from "@/lib/oauth/config";
import { keyStore } from "@/lib/signing-keys/key-store";
import { ensureSigningKeys } from "@/lib/signing-keys/rotate-signing-key";
import { csvLine } from "@/lib/format/csv";

export const EVIDENCE_TYP = "warden-campaign-evidence+json";
export const EVIDENCE_FORMAT = "warden.campaign-evidence.v1";

async function loadCampaign(actor: Actor, campaignId: string, format: "csv" | "json", context?: RequestContext | null) {
  assertCan(actor, "campaigns:read");
  const campaign = await db().campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw notFound("Campaign");
  await transact((tx) => appendAuditEvent(tx, { action: "campaign.evidence_exported", actor: actorRef(actor), target: { type: "campaign", id: campaignId }, details: { format, status: campaign.status }, context }));
  return campaign;
}

const evidenceLine = (row: EvidenceRow) => csvLine(EVIDENCE_COLUMNS.map((column) => row[column]));

/** The CSV export as a stream of text (header line first). */
export async function campaignEvidenceCsv(options: { actor: Actor; campaignId: string; context?: RequestContext | null }): Promise<{ name: string; stream: ReadableStream<Uint8Array> }> {
  const campaign = await loadCampaign(options.actor, options.campaignId, "csv", options.context);
  const pages = evidenceRows(campaign.id);
  const encoder = new TextEncoder();
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${EVIDENCE_COLUMNS.join(",")}\r\n`));
        return;
      }
      const next = await pages.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(evidenceLine).join("")));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return { name: campaign.name, stream };
}

export type EvidenceDocument = {
  format: typeof EVIDENCE_FORMAT;
  issuer: string;
  exportedAt: string;
  exportedBy: string;
  campaign: ReturnType<typeof presentCampaign>;
  counts: Record<string, number>;
  items: EvidenceRow[];
};

/** The signed JSON export: { payload, protected, signature } (flattened JWS) whose payload is an EvidenceDocument. */
export async function campaignEvidenceJws(options: { actor: Actor; campaignId: string; context?: RequestContext | null; now?: Date }): Promise<{ name: string; jws: { payload: string; protected?: string; signature: string } }> {
  const campaign = await loadCampaign(options.actor, options.campaignId, "json", options.context);
  const items: EvidenceRow[] = [];
  for await (const page of evidenceRows(campaign.id)) items.push(...page);
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.status] = (counts[item.status] ?? 0) + 1;
  const document: EvidenceDocument = {
    format: EVIDENCE_FORMAT,
    issuer: ISSUER(),
    exportedAt: (options.now ?? new Date()).toISOString(),
    exportedBy: options.actor.label,
    campaign: presentCampaign(campaign),
    counts,
    items,
  };
  let store = await keyStore();
  if (!store.signer) {
    await ensureSigningKeys();
    store = await keyStore({ refresh: true });
  }
  const signer = store.signer;
  if (!signer) throw new Error("No active signing key");
  const jws = await new FlattenedSign(new TextEncoder().encode(JSON.stringify(document))).setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: EVIDENCE_TYP }).sign(signer.privateKey);
  return { name: campaign.name, jws };
}
