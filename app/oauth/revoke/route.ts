// POST /oauth/revoke — RFC 7009 token revocation
import { handleRevocation } from "@/lib/oauth/revocation-endpoint";
import { webHandler } from "@/lib/oauth/web";

export const dynamic = "force-dynamic";
export const POST = webHandler(handleRevocation);
