// GET /api/v1/audit/sinks/{id} — one sink; PATCH — change it; DELETE — delete it
import { deleteAuditSinkContract, getAuditSinkContract, updateAuditSinkContract } from "@/lib/api/contracts/audit-sinks";
import { handle } from "@/lib/api/handle";
import { deleteAuditSink } from "@/lib/audit/sinks/delete-audit-sink";
import { getAuditSink } from "@/lib/audit/sinks/list-audit-sinks";
import { updateAuditSink } from "@/lib/audit/sinks/update-audit-sink";

export const GET = handle(getAuditSinkContract, ({ actor, params }) => getAuditSink({ actor, sinkId: params.id }));
export const PATCH = handle(updateAuditSinkContract, ({ actor, params, body, context }) => updateAuditSink({ actor, sinkId: params.id, input: body, context }));
export const DELETE = handle(deleteAuditSinkContract, ({ actor, params, context }) => deleteAuditSink({ actor, sinkId: params.id, context }));
