"use client";
// "Change role" dialog for one user (PATCH /api/v1/users/{id} { role }).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { applyApiError } from "@/lib/query/form-errors";
import { useUpdateUser } from "@/lib/query/users/use-update-user";
import { ZUpdateUserInput, type TUser } from "@/lib/users/schemas";

type TFormIn = z.input<typeof ZUpdateUserInput>;
type TFormOut = z.output<typeof ZUpdateUserInput>;

export function ChangeRoleDialog({ user, onClose }: { user: TUser; onClose: () => void }) {
  const { toast } = useToast();
  const updateUser = useUpdateUser();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TFormIn, unknown, TFormOut>({ resolver: zodResolver(ZUpdateUserInput), defaultValues: { role: user.role } });

  const onSubmit = async (values: TFormOut) => {
    setFormError(null);
    if (!values.role || values.role === user.role) {
      setError("role", { type: "validate", message: `${user.email} already has this role` });
      return;
    }
    try {
      const updated = await updateUser.mutateAsync({ id: user.id, input: { role: values.role } });
      onClose();
      toast({ title: "Role changed", description: `${updated.email} is now ${ROLE_LABELS[updated.role]}.`, tone: "success" });
    } catch (error) {
      setFormError(applyApiError(error, setError, ["role"]));
    }
  };

  const roleError = errors.role?.message;
  const hint = "Admins manage everything; owners register and run their servers; auditors read users and the audit log.";

  return (
    <Dialog open onClose={onClose} dismissible={!isSubmitting} title="Change role" description={`For ${user.name} (${user.email}).`}>
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label={`Change role of ${user.email}`}>
        {formError ? (
          <Alert tone="danger" title="The role was not changed">
            {formError}
          </Alert>
        ) : null}
        <Field label="Role" htmlFor="change-role-role" error={roleError} hint={hint} required>
          <Select id="change-role-role" invalid={Boolean(roleError)} aria-describedby={describedBy("change-role-role", { error: roleError, hint })} data-autofocus="" {...register("role")}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Save role
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
