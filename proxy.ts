// Next.js proxy (formerly middleware) for pages: a per-request CSP nonce, and a
// redirect to /login when there is no session cookie at all. The redirect is
// convenience only — every page, route handler and domain function checks the
// session itself (the security boundary is never here).
import { NextResponse, type NextRequest } from "next/server";

const PUBLIC_PAGES = ["/login"];
// Public documents served by route handlers outside /api: identities' JWK Sets
// and servers' Protected Resource Metadata.
const PUBLIC_DOCUMENT = /^\/identities\/[^/]+\/(jwks\.json|oauth-protected-resource)$/;

function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-inline'" : ""}`,
    // style="" attributes (progress bars, widths) carry no script risk
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.has("warden.session") || request.cookies.has("__Host-warden.session");
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_DOCUMENT.test(pathname)) return NextResponse.next();
  if (!PUBLIC_PAGES.includes(pathname) && !hasSessionCookie(request)) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api/|oauth/|\\.well-known/|_next/static|_next/image|favicon.ico|favicon.svg|robots.txt).*)"],
};
