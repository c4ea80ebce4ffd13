"use client";
// The sign-in form: email and password through next-auth's credentials
// provider (CSRF-protected by next-auth), and an SSO button when configured.
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const ZLogin = z.object({
  email: z.string().trim().min(1, "Enter your email").email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password"),
});
type TLogin = z.infer<typeof ZLogin>;

export function LoginForm({ callbackUrl, sso, initialError }: { callbackUrl: string; sso: { name: string } | null; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [ssoBusy, setSsoBusy] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<TLogin>({ resolver: zodResolver(ZLogin) });

  const onSubmit = async (values: TLogin) => {
    setError(null);
    const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false, callbackUrl });
    if (!result || result.error || !result.ok) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Sign-in failed. Check your email and password.");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  };

  return (
    <div className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Sign-in form">
        <Field label="Email" htmlFor="email" error={errors.email?.message}>
          <Input id="email" type="email" autoComplete="username" autoFocus invalid={Boolean(errors.email)} aria-describedby={describedBy("email", { error: errors.email?.message })} {...register("email")} />
        </Field>
        <Field label="Password" htmlFor="password" error={errors.password?.message}>
          <Input id="password" type="password" autoComplete="current-password" invalid={Boolean(errors.password)} aria-describedby={describedBy("password", { error: errors.password?.message })} {...register("password")} />
        </Field>
        <Button type="submit" loading={isSubmitting}>
          Sign in
        </Button>
      </form>
      {sso ? (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-400">
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button
            variant="secondary"
            loading={ssoBusy}
            onClick={async () => {
              setSsoBusy(true);
              await signIn("oidc", { callbackUrl });
            }}
          >
            Sign in with {sso.name}
          </Button>
        </>
      ) : null}
    </div>
  );
}
