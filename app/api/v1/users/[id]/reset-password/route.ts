// POST /api/v1/users/{id}/reset-password — issue a new temporary password
import { handle } from "@/lib/api/handle";
import { resetUserPasswordContract } from "@/lib/api/contracts/users";
import { resetUserPassword } from "@/lib/users/reset-user-password";

export const POST = handle(resetUserPasswordContract, ({ actor, params, context }) => resetUserPassword({ actor, userId: params.id, context }));
