// GET /api/v1/users/{id} — one user; PATCH — change name or role
import { handle } from "@/lib/api/handle";
import { getUserContract, updateUserContract } from "@/lib/api/contracts/users";
import { getUser } from "@/lib/users/get-user";
import { updateUser } from "@/lib/users/update-user";

export const GET = handle(getUserContract, ({ actor, params }) => getUser({ actor, userId: params.id }));
export const PATCH = handle(updateUserContract, ({ actor, params, body, context }) => updateUser({ actor, userId: params.id, input: body, context }));
