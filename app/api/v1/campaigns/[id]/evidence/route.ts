// GET /api/v1/campaigns/{id}/evidence?format=json|csv — the evidence export (lib/campaigns/export-evidence.ts)
import { exportCampaignEvidenceContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { campaignEvidenceCsv, campaignEvidenceJws } from "@/lib/campaigns/export-evidence";

/** A file name from the campaign's name: letters, digits and dashes only. */
const fileName = (name: string, extension: string) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "campaign"}-evidence.${extension}`;

export const GET = handle(exportCampaignEvidenceContract, async ({ actor, params, query, context }) => {
  const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
  if (query.format === "csv") {
    const { name, stream } = await campaignEvidenceCsv({ actor, campaignId: params.id, context });
    return new Response(stream, { status: 200, headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName(name, "csv")}"` } });
  }
  const { name, jws } = await campaignEvidenceJws({ actor, campaignId: params.id, context });
  return new Response(JSON.stringify(jws), { status: 200, headers: { ...headers, "Content-Type": "application/json", "Content-Disposition": `attachment; filename="${fileName(name, "jws.json")}"` } });
});
