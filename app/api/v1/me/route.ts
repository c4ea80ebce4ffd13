// GET /api/v1/me — the calling principal and its effective permissions
import { handle } from "@/lib/api/handle";
import { getMe } from "@/lib/api/contracts/me";
import { getMe as describeMe } from "@/lib/me/get-me";

export const GET = handle(getMe, ({ actor }) => describeMe(actor));
