// POST /api/v1/notifications/{id}/retry — send a failed delivery again (admins)
import { retryNotificationContract } from "@/lib/api/contracts/notifications";
import { handle } from "@/lib/api/handle";
import { retryDelivery } from "@/lib/notifications/retry-delivery";

export const POST = handle(retryNotificationContract, ({ actor, params, context }) => retryDelivery({ actor, notificationId: params.id, context }));
