// GET /api/v1/audit/export?format=csv|jsonl&<filters> — streamed export (lib/audit/export-events.ts)
import { exportAuditEventsContract } from "@/lib/api/contracts/audit";
import { handle } from "@/lib/api/handle";
import { exportAuditEvents } from "@/lib/audit/export-events";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/jsonl; charset=utf-8" } as const;

export const GET = handle(exportAuditEventsContract, async ({ actor, query, context }) => {
  const { format, ...filter } = query;
  const stream = await exportAuditEvents({ actor, filter, format, context });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="warden-audit-${stamp}.${format}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
