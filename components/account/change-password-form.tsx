"use client";
// Change-password form; on success goes to the dashboard.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/query/api-fetch";
import { applyApiError } from "@/lib/query/form-errors";
import { ZChangePasswordInput } from "@/lib/users/schemas";

const ZForm = ZChangePasswordInput.and(z.object({ confirmPassword: z.string() })).refine((value) => value.newPassword === value.confirmPassword, {
  message: "The passwords do not match",
  path: ["confirmPassword"],
});
type TForm = z.input<typeof ZForm>;

export function ChangePasswordForm() {
  const { toast } = useToast();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TForm>({ resolver: zodResolver(ZForm) });

  const onSubmit = async (values: TForm) => {
    setFormError(null);
    try {
      await apiFetch("/api/v1/me/password", { method: "POST", body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      toast({ title: "Password changed", description: "Your other sessions were signed out.", tone: "success" });
      router.push("/dashboard");
      router.refresh();
    } catch (error) {
      setFormError(applyApiError(error, setError, ["currentPassword", "newPassword"]));
    }
  };

  const fields = [
    { name: "currentPassword", label: "Current password", autoComplete: "current-password", hint: undefined },
    { name: "newPassword", label: "New password", autoComplete: "new-password", hint: "At least 12 characters." },
    { name: "confirmPassword", label: "Confirm new password", autoComplete: "new-password", hint: undefined },
  ] as const;

  return (
    <Card>
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Change password">
        {formError ? <Alert tone="danger">{formError}</Alert> : null}
        {fields.map((field) => {
          const message = errors[field.name]?.message;
          return (
            <Field key={field.name} label={field.label} htmlFor={field.name} error={message} hint={field.hint} required>
              <Input id={field.name} type="password" autoComplete={field.autoComplete} invalid={Boolean(message)} aria-describedby={describedBy(field.name, { error: message, hint: field.hint })} {...register(field.name)} />
            </Field>
          );
        })}
        <div>
          <Button type="submit" loading={isSubmitting}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
