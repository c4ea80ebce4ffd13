// GET /api/v1/users — list users; POST /api/v1/users — create a user
import { handle } from "@/lib/api/handle";
import { createUserContract, listUsersContract } from "@/lib/api/contracts/users";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

export const GET = handle(listUsersContract, ({ actor, query }) => listUsers({ actor, query }));
export const POST = handle(createUserContract, ({ actor, body, context }) => createUser({ actor, input: body, context }));
