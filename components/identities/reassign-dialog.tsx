"use client";
// "Reassign selected" (admins): move the chosen orphaned identities to one new owner, with a reason.
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
import { ZReassignInput } from "@/lib/identities/schemas";
import { useReassignIdentities } from "@/lib/query/identities/use-reassign-identities";

type ReassignForm = { ownerId: string; reason: string };
const fieldOf = fieldMap<ReassignForm>(["ownerId", "reason"]);

export function ReassignDialog({ identityIds, onClose, onDone }: { identityIds: string[]; onClose: () => void; onDone: () => void }) {
  const { toast } = useToast();
  const reassign = useReassignIdentities();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const toBody = (values: ReassignForm) => ({ identityIds, ownerId: values.ownerId, reason: values.reason.trim() || undefined });
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ReassignForm>({ resolver: sharedSchemaResolver<ReassignForm>(() => ZReassignInput, toBody, fieldOf), defaultValues: { ownerId: "", reason: "" } });
  const reasonError = errors.reason?.message;
  const reasonHint = "Recorded in the audit log for each identity.";
  const count = identityIds.length;

  const onSubmit = async (values: ReassignForm) => {
    setProblem(null);
    try {
      const result = await reassign.mutateAsync(toBody(values));
      onDone();
      onClose();
      toast({ title: `Reassigned ${result.reassigned} ${result.reassigned === 1 ? "identity" : "identities"}`, tone: "success" });
    } catch (error) {
      setProblem(applyMappedApiError(error, setError, fieldOf));
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!isSubmitting}
      title="Reassign identities"
      description={`Move ${count === 1 ? "the selected identity" : `the ${count} selected identities`} to a new owner. All of them move, or none does.`}
      size="lg"
    >
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Reassign identities">
        <ProblemAlert title="Nothing was reassigned" problem={problem ?? (errors.root?.message ? { message: errors.root.message, issues: [] } : null)} />
        <Controller
          control={control}
          name="ownerId"
          render={({ field, fieldState }) => (
            <PeoplePicker id="reassign-owner" label="New owner" value={field.value} onChange={field.onChange} onBlur={field.onBlur} placeholder="Choose the new owner" error={fieldState.error?.message} required disabled={isSubmitting} />
          )}
        />
        <Field label="Reason (optional)" htmlFor="reassign-reason" error={reasonError} hint={reasonHint}>
          <Textarea id="reassign-reason" maxLength={500} invalid={Boolean(reasonError)} aria-describedby={describedBy("reassign-reason", { error: reasonError, hint: reasonHint })} disabled={isSubmitting} {...register("reason")} />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Reassign
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
