// POST /oauth/introspect — RFC 7662 token introspection
import { handleIntrospection } from "@/lib/oauth/introspection-endpoint";
import { webHandler } from "@/lib/oauth/web";

export const dynamic = "force-dynamic";
export const POST = webHandler(handleIntrospection);
