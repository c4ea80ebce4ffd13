// POST /api/v1/audit/sinks/{id}/retry — forward to a sink now instead of after its backoff (admins)
import { retryAuditSinkContract } from "@/lib/api/contracts/audit-sinks";
import { handle } from "@/lib/api/handle";
import { retryAuditSink } from "@/lib/audit/sinks/retry-audit-sink";

export const POST = handle(retryAuditSinkContract, ({ actor, params, context }) => retryAuditSink({ actor, sinkId: params.id, context }));
