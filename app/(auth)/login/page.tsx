// /login — password sign-in and, when configured, single sign-on.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { env, oidcEnabled } from "@/lib/config/env";
import { getConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "Single sign-on did not let you in: your account may be deactivated, or an existing Warden account uses this email and your identity provider has not verified it. Ask an admin.",
  OAuthSignin: "Could not start single sign-on. Try again or ask an admin to check the identity provider settings.",
  OAuthCallback: "Single sign-on failed while returning from the identity provider. Try again.",
  SessionRequired: "Sign in to continue.",
};

function safeCallback(value: string | undefined): string {
  // only same-site paths, never another origin
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/dashboard";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  if (await getConsoleSession()) redirect(safeCallback(params.callbackUrl));
  const error = params.error && params.error !== "CredentialsSignin" ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <main className="grid min-h-screen place-items-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <span aria-hidden="true" className="mx-auto mb-3 grid h-10 w-10 place-items-center rounded-lg bg-indigo-600 text-lg font-semibold text-white">
            W
          </span>
          <h1 className="text-xl font-semibold text-slate-900">Sign in to Warden</h1>
          <p className="mt-1 text-sm text-slate-500">Identity control plane for MCP servers</p>
        </div>
        <LoginForm callbackUrl={safeCallback(params.callbackUrl)} sso={oidcEnabled() ? { name: env().WARDEN_OIDC_NAME } : null} initialError={error} />
      </div>
    </main>
  );
}
