// CSRF protection for cookie-authenticated mutations: the browser must say the
// request comes from Warden's own origin. Fetch Metadata (Sec-Fetch-Site) is
// checked where the browser sends it, and Origin always; a request with neither
// is refused. Bearer-token requests carry no ambient credentials and are exempt.
import { AppError } from "@/lib/errors/app-error";
import { publicUrl } from "@/lib/config/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function allowedOrigins(requestUrl: string, host: string | null): Set<string> {
  const origins = new Set<string>([new URL(publicUrl()).origin]);
  if (host) {
    const protocol = new URL(requestUrl).protocol;
    origins.add(`${protocol}//${host}`);
  }
  return origins;
}

export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") {
    throw new AppError("forbidden", "Cross-site requests cannot change anything (CSRF protection)");
  }
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") {
    throw new AppError("forbidden", "The Origin header is missing; browser mutations must come from Warden's own pages (CSRF protection)");
  }
  if (!allowedOrigins(request.url, request.headers.get("host")).has(origin)) {
    throw new AppError("forbidden", "The request comes from another origin (CSRF protection)");
  }
}
