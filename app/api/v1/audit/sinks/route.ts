// GET /api/v1/audit/sinks — list audit sinks with their status; POST — add one (a webhook's secret shown once)
import { createAuditSinkContract, listAuditSinksContract } from "@/lib/api/contracts/audit-sinks";
import { handle } from "@/lib/api/handle";
import { createAuditSink } from "@/lib/audit/sinks/create-audit-sink";
import { listAuditSinks } from "@/lib/audit/sinks/list-audit-sinks";

export const GET = handle(listAuditSinksContract, ({ actor, query }) => listAuditSinks({ actor, query }));
export const POST = handle(createAuditSinkContract, ({ actor, body, context }) => createAuditSink({ actor, input: body, context }));
