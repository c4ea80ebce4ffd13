// POST /api/v1/me/password — change your own password
import { handle } from "@/lib/api/handle";
import { changeMyPassword } from "@/lib/api/contracts/me";
import { changeOwnPassword } from "@/lib/users/change-own-password";

export const POST = handle(changeMyPassword, async ({ actor, body, context }) => {
  await changeOwnPassword({ actor, input: body, context });
  return { changed: true as const };
});
