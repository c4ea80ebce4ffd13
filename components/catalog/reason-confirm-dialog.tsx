"use client";
// A confirmation with a reason (required or optional) that goes to the audit log: disabling a tool, revoking a
// grant or an exchange policy. The caller's `onSubmit` does the change; problems land on the reason or the Alert.
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { applyMappedApiError, fieldMap, sharedSchemaResolver } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { ZOptionalReasonInput, ZStatusChangeInput } from "@/lib/identities/schemas";

type ReasonForm = { reason: string };
const fieldOf = fieldMap<ReasonForm>(["reason"]);

export function ReasonConfirmDialog(props: {
  id: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** The Alert's title when the change fails, e.g. "The grant was not revoked". */
  failureTitle: string;
  reasonRequired: boolean;
  hint: string;
  /** Does the change; throw (an ApiError) to keep the dialog open with the problem. */
  onSubmit: (reason: string | undefined) => Promise<void>;
  onClose: () => void;
}) {
  const { id, reasonRequired, hint } = props;
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ReasonForm>({
    resolver: sharedSchemaResolver<ReasonForm>(() => (reasonRequired ? ZStatusChangeInput : ZOptionalReasonInput), (values) => ({ reason: reasonRequired ? values.reason.trim() : values.reason.trim() || undefined }), fieldOf),
    defaultValues: { reason: "" },
  });
  const error = errors.reason?.message;

  const submit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      await props.onSubmit(values.reason.trim() || undefined);
    } catch (thrown) {
      setProblem(applyMappedApiError(thrown, setError, fieldOf));
    }
  });

  return (
    <ConfirmDialog open onClose={props.onClose} onConfirm={() => submit()} title={props.title} description={props.description} confirmLabel={props.confirmLabel}>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ProblemAlert title={props.failureTitle} problem={problem} />
        <Field label={reasonRequired ? "Reason" : "Reason (optional)"} htmlFor={id} error={error} hint={hint} required={reasonRequired}>
          <Textarea id={id} maxLength={500} invalid={Boolean(error)} aria-describedby={describedBy(id, { error, hint })} disabled={isSubmitting} data-autofocus="" {...register("reason")} />
        </Field>
      </form>
    </ConfirmDialog>
  );
}
