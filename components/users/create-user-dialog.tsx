"use client";
// "Create user" button and dialog: the form, then the temporary password (shown once).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { applyApiError } from "@/lib/query/form-errors";
import { useCreateUser } from "@/lib/query/users/use-create-user";
import { ZCreateUserInput } from "@/lib/users/schemas";

type TFormIn = z.input<typeof ZCreateUserInput>;
type TFormOut = z.output<typeof ZCreateUserInput>;

const FIELDS = ["email", "name", "role", "signIn"] as const;
const SIGN_IN_HINT = "A temporary password must be changed at first sign-in. Single sign-on users have no Warden password.";

export function CreateUserButton() {
  const { toast } = useToast();
  const createUser = useCreateUser();
  const [open, setOpen] = useState(false);
  // The one-time password lives only here, and only until the dialog closes.
  const [created, setCreated] = useState<{ email: string; temporaryPassword: string } | null>(null);

  function close() {
    const email = created?.email;
    setOpen(false);
    setCreated(null);
    if (email) toast({ title: "User created", description: email, tone: "success" });
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Create user</Button>
      <Dialog
        open={open}
        onClose={close}
        dismissible={!createUser.isPending}
        title={created ? "User created" : "Create user"}
        description={created ? `Give ${created.email} this temporary password through a safe channel.` : "The user signs in with a temporary password or through single sign-on."}
        footer={
          created ? (
            <Button onClick={close} data-autofocus="">
              Done
            </Button>
          ) : undefined
        }
      >
        {created ? (
          <SecretReveal label="Temporary password" value={created.temporaryPassword} warning="Copy it now: it will not be shown again. The user must change it at first sign-in." />
        ) : (
          <CreateUserForm
            createUser={createUser}
            onCancel={close}
            onCreated={(email, temporaryPassword) => {
              if (temporaryPassword) {
                setCreated({ email, temporaryPassword });
              } else {
                setOpen(false);
                toast({ title: "User created", description: `${email} signs in with single sign-on.`, tone: "success" });
              }
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function CreateUserForm({
  createUser,
  onCancel,
  onCreated,
}: {
  createUser: ReturnType<typeof useCreateUser>;
  onCancel: () => void;
  onCreated: (email: string, temporaryPassword: string | null) => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TFormIn, unknown, TFormOut>({
    resolver: zodResolver(ZCreateUserInput),
    defaultValues: { email: "", name: "", role: "owner", signIn: "temporary_password" },
  });

  const onSubmit = async (values: TFormOut) => {
    setFormError(null);
    try {
      const result = await createUser.mutateAsync(values);
      // Keep the password out of the mutation cache: from here it lives in the dialog's state only.
      createUser.reset();
      onCreated(result.user.email, result.temporaryPassword);
    } catch (error) {
      setFormError(applyApiError(error, setError, FIELDS));
    }
  };

  const emailError = errors.email?.message;
  const nameError = errors.name?.message;
  const roleError = errors.role?.message;
  const signInError = errors.signIn?.message;

  return (
    <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Create user">
      {formError ? (
        <Alert tone="danger" title="The user was not created">
          {formError}
        </Alert>
      ) : null}
      <Field label="Email" htmlFor="create-user-email" error={emailError} required>
        <Input id="create-user-email" type="email" autoComplete="off" invalid={Boolean(emailError)} aria-describedby={describedBy("create-user-email", { error: emailError })} data-autofocus="" {...register("email")} />
      </Field>
      <Field label="Name" htmlFor="create-user-name" error={nameError} required>
        <Input id="create-user-name" autoComplete="off" invalid={Boolean(nameError)} aria-describedby={describedBy("create-user-name", { error: nameError })} {...register("name")} />
      </Field>
      <Field label="Role" htmlFor="create-user-role" error={roleError} required>
        <Select id="create-user-role" invalid={Boolean(roleError)} aria-describedby={describedBy("create-user-role", { error: roleError })} {...register("role")}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Sign-in method" htmlFor="create-user-sign-in" error={signInError} hint={SIGN_IN_HINT} required>
        <Select id="create-user-sign-in" invalid={Boolean(signInError)} aria-describedby={describedBy("create-user-sign-in", { error: signInError, hint: SIGN_IN_HINT })} {...register("signIn")}>
          <option value="temporary_password">Temporary password</option>
          <option value="sso_only">Single sign-on only</option>
        </Select>
      </Field>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" loading={isSubmitting}>
          Create user
        </Button>
      </div>
    </form>
  );
}
