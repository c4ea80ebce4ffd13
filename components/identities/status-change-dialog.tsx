"use client";
// Lifecycle dialogs: approve (admins), suspend (reason), resume (admins), revoke (typed slug and reason; permanent).
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyMappedApiError, fieldMap, sharedSchemaResolver } from "@/components/identities/form-support";
import { KIND_WORD, kindNoun } from "@/components/identities/identity-labels";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ZOptionalReasonInput, ZStatusChangeInput, type TIdentity } from "@/lib/identities/schemas";
import { useChangeIdentityStatus, type StatusChange } from "@/lib/query/identities/use-change-identity-status";

type ReasonForm = { reason: string };
const fieldOf = fieldMap<ReasonForm>(["reason"]);

function copy(change: StatusChange, identity: TIdentity) {
  const noun = kindNoun(identity.kind);
  const word = KIND_WORD[identity.kind];
  switch (change) {
    case "approve":
      return { title: `Approve ${noun}`, tone: "primary" as const, reasonRequired: false, done: `${word} approved`, description: `${identity.name} becomes active: it can get tokens and its keys are published.` };
    case "suspend":
      return { title: `Suspend ${noun}`, tone: "danger" as const, reasonRequired: true, done: `${word} suspended`, description: `${identity.name} stops getting tokens at once. An admin can resume it later.` };
    case "resume":
      return { title: `Resume ${noun}`, tone: "primary" as const, reasonRequired: false, done: `${word} resumed`, description: `${identity.name} becomes active again.` };
    case "revoke":
      return {
        title: `Revoke ${noun}`,
        tone: "danger" as const,
        reasonRequired: true,
        done: `${word} revoked`,
        description: `Revoking ${identity.name} is permanent: all its keys are revoked with it and it can never be reactivated. To use it again, register a new one.`,
      };
  }
}

export function StatusChangeDialog({ identity, change, onClose }: { identity: TIdentity; change: StatusChange; onClose: () => void }) {
  const { toast } = useToast();
  const changeStatus = useChangeIdentityStatus();
  const [failure, setFailure] = useState<FormProblem | null>(null);
  const text = copy(change, identity);
  const schema = text.reasonRequired ? ZStatusChangeInput : ZOptionalReasonInput;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ReasonForm>({
    resolver: sharedSchemaResolver<ReasonForm>(() => schema, (values) => ({ reason: values.reason.trim() || undefined }), fieldOf),
    defaultValues: { reason: "" },
  });
  const reasonId = `${change}-reason`;
  const reasonError = errors.reason?.message;
  const hint = "Recorded in the audit log.";

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await changeStatus.mutateAsync({ id: identity.id, change, reason: values.reason.trim() || undefined });
      onClose();
      toast({ title: text.done, description: identity.name, tone: "success" });
    } catch (error) {
      setFailure(applyMappedApiError(error, setError, fieldOf));
    }
  });

  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={() => submit()}
      title={text.title}
      description={text.description}
      confirmLabel={text.title}
      tone={text.tone}
      confirmText={change === "revoke" ? identity.slug : undefined}
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ProblemAlert title={`The ${kindNoun(identity.kind)} was not changed`} problem={failure} />
        <Field label={text.reasonRequired ? "Reason" : "Reason (optional)"} htmlFor={reasonId} error={reasonError} hint={hint} required={text.reasonRequired}>
          <Textarea id={reasonId} maxLength={500} invalid={Boolean(reasonError)} aria-describedby={describedBy(reasonId, { error: reasonError, hint })} disabled={changeStatus.isPending} {...register("reason")} />
        </Field>
      </form>
    </ConfirmDialog>
  );
}
