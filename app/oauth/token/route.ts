// POST /oauth/token — client_credentials and token exchange (served by Warden's lean HTTP path; this file serves other setups and tests)
import { webHandler } from "@/lib/oauth/web";
import { handleTokenRequest } from "@/lib/oauth/token-endpoint";

export const dynamic = "force-dynamic";
export const POST = webHandler(handleTokenRequest);
