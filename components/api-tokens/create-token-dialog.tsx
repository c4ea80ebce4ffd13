"use client";
// "Create token" button and dialog: name, role, expiry and optional scopes, then the secret (shown once).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { ZCreateApiTokenInput, ZPermission, type TCreateApiTokenInput } from "@/lib/api-tokens/schemas";
import { PERMISSIONS, ROLE_LABELS, ROLE_PERMISSIONS, ROLES, roleCovers, type Permission, type Role } from "@/lib/auth/permissions";
import { ApiError } from "@/lib/query/api-fetch";
import { applyApiError } from "@/lib/query/form-errors";
import { useCreateApiToken } from "@/lib/query/api-tokens/use-create-api-token";

const EXPIRY_OPTIONS = [
  { value: "7d", label: "7 days", days: 7 },
  { value: "30d", label: "30 days", days: 30 },
  { value: "90d", label: "90 days", days: 90 },
  { value: "1y", label: "1 year", days: 365 },
  { value: "never", label: "Never", days: null },
] as const;
type Expiry = (typeof EXPIRY_OPTIONS)[number]["value"];

const ZForm = ZCreateApiTokenInput.pick({ name: true, role: true }).extend({
  expiry: z.enum(EXPIRY_OPTIONS.map((option) => option.value) as [Expiry, ...Expiry[]]),
  scopes: z.array(ZPermission),
});
type TFormIn = z.input<typeof ZForm>;
type TFormOut = z.output<typeof ZForm>;

const NEVER_WARNING = "A token that never expires works until someone revokes it. Prefer an expiry and create a new token when it runs out.";
const SCOPES_HINT = "Leave all unchecked for the whole role, or tick the permissions the token needs.";

/** The expiry as an ISO timestamp, computed when the form is sent. */
function expiresAt(expiry: Expiry): string | undefined {
  const days = EXPIRY_OPTIONS.find((option) => option.value === expiry)?.days ?? null;
  return days === null ? undefined : new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();
}

export function CreateTokenButton({ currentRole }: { currentRole: Role }) {
  const { toast } = useToast();
  const createToken = useCreateApiToken();
  const [open, setOpen] = useState(false);
  // The secret lives only here, and only until the dialog closes.
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  function close() {
    const name = created?.name;
    setOpen(false);
    setCreated(null);
    if (name) toast({ title: "API token created", description: name, tone: "success" });
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Create token</Button>
      <Dialog
        open={open}
        onClose={close}
        dismissible={!createToken.isPending}
        size="lg"
        title={created ? "API token created" : "Create API token"}
        description={created ? `“${created.name}” acts for you with the role and scopes you chose.` : "The token acts for you; its role cannot exceed yours."}
        footer={
          created ? (
            <Button onClick={close} data-autofocus="">
              Done
            </Button>
          ) : undefined
        }
      >
        {created ? (
          <div className="space-y-4">
            <SecretReveal label="API token" value={created.secret} />
            <p className="text-sm text-slate-700">
              Use it as: <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-900">Authorization: Bearer &lt;token&gt;</code>
            </p>
          </div>
        ) : (
          <CreateTokenForm currentRole={currentRole} createToken={createToken} onCancel={close} onCreated={(name, secret) => setCreated({ name, secret })} />
        )}
      </Dialog>
    </>
  );
}

function CreateTokenForm({
  currentRole,
  createToken,
  onCancel,
  onCreated,
}: {
  currentRole: Role;
  createToken: ReturnType<typeof useCreateApiToken>;
  onCancel: () => void;
  onCreated: (name: string, secret: string) => void;
}) {
  const roles = ROLES.filter((role) => roleCovers(currentRole, role));
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<TFormIn, unknown, TFormOut>({
    resolver: zodResolver(ZForm),
    defaultValues: { name: "", role: currentRole, expiry: "30d", scopes: [] },
  });
  const role = useWatch({ control, name: "role" }) as Role;
  const expiry = useWatch({ control, name: "expiry" });

  const onSubmit = async (values: TFormOut) => {
    setFormError(null);
    const allowed = ROLE_PERMISSIONS[values.role];
    const scopes = values.scopes.filter((scope) => allowed.includes(scope as Permission));
    const input: TCreateApiTokenInput = {
      name: values.name,
      role: values.role,
      scopes: scopes.length > 0 ? scopes : undefined,
      expiresAt: expiresAt(values.expiry),
    };
    try {
      const result = await createToken.mutateAsync(input);
      // Keep the secret out of the mutation cache: from here it lives in the dialog's state only.
      createToken.reset();
      onCreated(result.token.name, result.secret);
    } catch (error) {
      let message = applyApiError(error, setError, ["name", "role", "scopes"]);
      // The form has an expiry choice where the API has expiresAt.
      if (error instanceof ApiError) {
        const expiryIssue = error.issues.find((issue) => issue.path === "expiresAt");
        if (expiryIssue) {
          setError("expiry", { type: "server", message: expiryIssue.message });
          if (message === error.message) message = null;
        }
      }
      setFormError(message);
    }
  };

  const nameError = errors.name?.message;
  const roleError = errors.role?.message;
  const expiryError = errors.expiry?.message;
  const scopesError = errors.scopes?.message;
  const roleHint = roles.length === 1 ? `Your role lets you create ${ROLE_LABELS[currentRole]} tokens.` : "A token's role cannot exceed yours.";
  const expiryHint = expiry === "never" ? undefined : "The token stops working after this.";

  return (
    <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Create API token">
      {formError ? (
        <Alert tone="danger" title="The token was not created">
          {formError}
        </Alert>
      ) : null}
      <Field label="Name" htmlFor="token-name" error={nameError} hint="What uses the token, e.g. “CI deploy”." required>
        <Input
          id="token-name"
          autoComplete="off"
          invalid={Boolean(nameError)}
          aria-describedby={describedBy("token-name", { error: nameError, hint: "What uses the token, e.g. “CI deploy”." })}
          data-autofocus=""
          {...register("name")}
        />
      </Field>
      <Field label="Role" htmlFor="token-role" error={roleError} hint={roleHint} required>
        <Select
          id="token-role"
          invalid={Boolean(roleError)}
          aria-describedby={describedBy("token-role", { error: roleError, hint: roleHint })}
          {...register("role", { onChange: () => setValue("scopes", []) })}
        >
          {roles.map((value) => (
            <option key={value} value={value}>
              {ROLE_LABELS[value]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Expires" htmlFor="token-expiry" error={expiryError} hint={expiryHint} required>
        <Select
          id="token-expiry"
          invalid={Boolean(expiryError)}
          aria-describedby={[describedBy("token-expiry", { error: expiryError, hint: expiryHint }), expiry === "never" ? "token-expiry-warning" : undefined].filter(Boolean).join(" ") || undefined}
          {...register("expiry")}
        >
          {EXPIRY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
        {expiry === "never" ? (
          <p id="token-expiry-warning" className="flex items-start gap-1.5 text-xs font-medium text-amber-800">
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-px size-3.5 shrink-0 text-amber-500">
              <path
                fillRule="evenodd"
                clipRule="evenodd"
                d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              />
            </svg>
            <span>{NEVER_WARNING}</span>
          </p>
        ) : null}
      </Field>
      <Controller
        control={control}
        name="scopes"
        render={({ field }) => (
          <fieldset className="space-y-2" aria-describedby={scopesError ? "token-scopes-hint token-scopes-error" : "token-scopes-hint"}>
            <legend className="text-sm font-medium text-slate-800">Scopes (optional)</legend>
            <p id="token-scopes-hint" className="text-xs text-slate-500">
              {SCOPES_HINT}
            </p>
            <ul className="space-y-1.5">
              {ROLE_PERMISSIONS[role].map((permission) => {
                const id = `token-scope-${permission.replace(":", "-")}`;
                const checked = field.value.includes(permission);
                return (
                  <li key={permission} className="flex items-start gap-2">
                    <input
                      id={id}
                      type="checkbox"
                      checked={checked}
                      onChange={(e) => field.onChange(e.target.checked ? [...field.value, permission] : field.value.filter((value) => value !== permission))}
                      onBlur={field.onBlur}
                      aria-describedby={`${id}-description`}
                      className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500"
                    />
                    <div className="min-w-0">
                      <label htmlFor={id} className="font-mono text-xs text-slate-900">
                        {permission}
                      </label>
                      <p id={`${id}-description`} className="text-xs text-slate-500">
                        {PERMISSIONS[permission]}
                      </p>
                    </div>
                  </li>
                );
              })}
            </ul>
            {scopesError ? (
              <p id="token-scopes-error" role="alert" className="text-xs font-medium text-red-700">
                {scopesError}
              </p>
            ) : null}
          </fieldset>
        )}
      />
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" loading={isSubmitting}>
          Create token
        </Button>
      </div>
    </form>
  );
}
