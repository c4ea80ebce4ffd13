// What a grant handler produces: the response body, the single-use values it
// consumed (besides the client assertion) and its audit events.
import type { AuditInput } from "@/lib/audit/append";
import type { SingleUseValue } from "@/lib/oauth/commit-batch";

export type GrantOutcome = { body: Record<string, unknown>; singleUse: SingleUseValue[]; events: AuditInput[] };
