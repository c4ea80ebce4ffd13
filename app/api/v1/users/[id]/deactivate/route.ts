// POST /api/v1/users/{id}/deactivate — deactivate a user and end their sessions
import { handle } from "@/lib/api/handle";
import { deactivateUserContract } from "@/lib/api/contracts/users";
import { deactivateUser } from "@/lib/users/deactivate-user";

export const POST = handle(deactivateUserContract, ({ actor, params, body, context }) => deactivateUser({ actor, userId: params.id, reason: body.reason, context }));
