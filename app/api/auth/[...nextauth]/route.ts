// /api/auth/* — next-auth: sign-in (password, OIDC), callback, sign-out, CSRF token
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth-options";
import { contextFromHeaders, runWithRequestContext } from "@/lib/http/request-context";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: RouteContext): Promise<Response> {
  const nextAuth = NextAuth(authOptions()) as (request: Request, context: RouteContext) => Promise<Response>;
  return runWithRequestContext(contextFromHeaders(request.headers), () => nextAuth(request, context));
}

export { handler as GET, handler as POST };
