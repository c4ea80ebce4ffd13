// GET /api/v1/webhooks — list webhook endpoints; POST — add one (secret shown once)
import { createWebhookContract, listWebhooksContract } from "@/lib/api/contracts/notifications";
import { handle } from "@/lib/api/handle";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { listWebhooks } from "@/lib/notifications/list-webhooks";

export const GET = handle(listWebhooksContract, ({ actor, query }) => listWebhooks({ actor, query }));
export const POST = handle(createWebhookContract, ({ actor, body, context }) => createWebhook({ actor, input: body, context }));
