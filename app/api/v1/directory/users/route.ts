// GET /api/v1/directory/users — find active users to name as owners
import { handle } from "@/lib/api/handle";
import { searchDirectoryContract } from "@/lib/api/contracts/directory";
import { searchDirectory } from "@/lib/directory/search-users";

export const GET = handle(searchDirectoryContract, ({ actor, query }) => searchDirectory({ actor, q: query.q, limit: query.limit }));
