// GET /api/v1/me/reviews — the review items assigned to me
import { listMyReviewsContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { listMyReviews } from "@/lib/campaigns/list-items";

export const GET = handle(listMyReviewsContract, ({ actor, query }) => listMyReviews({ actor, query }));
