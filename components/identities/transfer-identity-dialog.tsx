"use client";
// "Transfer ownership": a new primary owner, optionally a new backup owner, and a reason for the audit log.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyMappedApiError, fieldMap, sharedSchemaResolver } from "@/components/identities/form-support";
import { PeoplePicker } from "@/components/identities/people-picker";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ZTransferInput, type TIdentity } from "@/lib/identities/schemas";
import { useTransferIdentity } from "@/lib/query/identities/use-transfer-identity";

/** backupOwnerId: "keep" leaves it as is, "" removes it, a user id replaces it. */
type TransferForm = { ownerId: string; backupOwnerId: string; reason: string };
const KEEP = "keep";
const fieldOf = fieldMap<TransferForm>(["ownerId", "backupOwnerId", "reason"]);

const toBody = (values: TransferForm) => ({
  ownerId: values.ownerId,
  backupOwnerId: values.backupOwnerId === KEEP ? undefined : values.backupOwnerId || null,
  reason: values.reason.trim() || undefined,
});

export function TransferIdentityDialog({ identity, onClose }: { identity: TIdentity; onClose: () => void }) {
  const router = useRouter();
  const { toast } = useToast();
  const transfer = useTransferIdentity();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TransferForm>({
    resolver: sharedSchemaResolver<TransferForm>(() => ZTransferInput, toBody, fieldOf),
    defaultValues: { ownerId: "", backupOwnerId: KEEP, reason: "" },
  });
  const reasonError = errors.reason?.message;
  const reasonHint = "Recorded in the audit log.";
  const backup = identity.backupOwner;

  const onSubmit = async (values: TransferForm) => {
    setProblem(null);
    try {
      const updated = await transfer.mutateAsync({ id: identity.id, input: toBody(values) });
      onClose();
      toast({ title: "Ownership transferred", description: `${updated.name} is now owned by ${updated.owner.name}.`, tone: "success" });
      // who may change the identity depends on who owns it
      router.refresh();
    } catch (error) {
      setProblem(applyMappedApiError(error, setError, fieldOf));
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!isSubmitting}
      title="Transfer ownership"
      description={`${identity.name} is owned by ${identity.owner.name} (${identity.owner.email}). The new owner must be an active user.`}
      size="lg"
    >
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Transfer ownership">
        <ProblemAlert title="Ownership was not transferred" problem={problem ?? (errors.root?.message ? { message: errors.root.message, issues: [] } : null)} />
        <Controller
          control={control}
          name="ownerId"
          render={({ field, fieldState }) => (
            <PeoplePicker id="transfer-owner" label="New owner" value={field.value} onChange={field.onChange} onBlur={field.onBlur} placeholder="Choose the new owner" error={fieldState.error?.message} required disabled={isSubmitting} />
          )}
        />
        <Controller
          control={control}
          name="backupOwnerId"
          render={({ field, fieldState }) => (
            <PeoplePicker
              id="transfer-backup-owner"
              label="Backup owner"
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              extraOptions={[
                { value: KEEP, label: backup ? `Keep ${backup.name} (${backup.email})` : "Keep: no backup owner" },
                { value: "", label: "No backup owner" },
              ]}
              error={fieldState.error?.message}
              disabled={isSubmitting}
            />
          )}
        />
        <Field label="Reason (optional)" htmlFor="transfer-reason" error={reasonError} hint={reasonHint}>
          <Textarea id="transfer-reason" maxLength={500} invalid={Boolean(reasonError)} aria-describedby={describedBy("transfer-reason", { error: reasonError, hint: reasonHint })} disabled={isSubmitting} {...register("reason")} />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Transfer
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
