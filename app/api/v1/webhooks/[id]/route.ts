// GET /api/v1/webhooks/{id} — one endpoint; PATCH — change it; DELETE — delete it
import { deleteWebhookContract, getWebhookContract, updateWebhookContract } from "@/lib/api/contracts/notifications";
import { handle } from "@/lib/api/handle";
import { deleteWebhook } from "@/lib/notifications/delete-webhook";
import { getWebhook } from "@/lib/notifications/list-webhooks";
import { updateWebhook } from "@/lib/notifications/update-webhook";

export const GET = handle(getWebhookContract, ({ actor, params }) => getWebhook({ actor, endpointId: params.id }));
export const PATCH = handle(updateWebhookContract, ({ actor, params, body, context }) => updateWebhook({ actor, endpointId: params.id, input: body, context }));
export const DELETE = handle(deleteWebhookContract, ({ actor, params, context }) => deleteWebhook({ actor, endpointId: params.id, context }));
