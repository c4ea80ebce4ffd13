// GET /api/v1/notifications — the delivery log (emails and webhook deliveries)
import { listNotificationsContract } from "@/lib/api/contracts/notifications";
import { handle } from "@/lib/api/handle";
import { listDeliveries } from "@/lib/notifications/list-deliveries";

export const GET = handle(listNotificationsContract, ({ actor, query }) => listDeliveries({ actor, query }));
