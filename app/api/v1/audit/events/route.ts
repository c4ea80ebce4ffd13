// GET /api/v1/audit/events — list audit events
import { handle } from "@/lib/api/handle";
import { listAuditEventsContract } from "@/lib/api/contracts/audit";
import { listAuditEvents } from "@/lib/audit/list-events";

export const GET = handle(listAuditEventsContract, ({ actor, query }) => listAuditEvents({ actor, query }));
