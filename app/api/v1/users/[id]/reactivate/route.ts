// POST /api/v1/users/{id}/reactivate — reactivate a deactivated user
import { handle } from "@/lib/api/handle";
import { reactivateUserContract } from "@/lib/api/contracts/users";
import { reactivateUser } from "@/lib/users/reactivate-user";

export const POST = handle(reactivateUserContract, ({ actor, params, context }) => reactivateUser({ actor, userId: params.id, context }));
