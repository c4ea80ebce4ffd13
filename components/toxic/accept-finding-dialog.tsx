"use client";
// "Accept finding" (admins): a warn or require-approval finding is kept as it is, with a justification that
// goes to the audit log. Block-mode findings are not offered (the API refuses them).
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyMappedApiError, fieldMap, sharedSchemaResolver } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { useAcceptFinding } from "@/lib/query/toxic/use-accept-finding";
import { ZAcceptFindingInput, type TToxicFinding } from "@/lib/toxic/schemas";

type AcceptForm = { justification: string };
const fieldOf = fieldMap<AcceptForm>(["justification"]);

export function AcceptFindingDialog({ finding, onClose }: { finding: TToxicFinding; onClose: () => void }) {
  const { toast } = useToast();
  const accept = useAcceptFinding();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AcceptForm>({ resolver: sharedSchemaResolver<AcceptForm>(() => ZAcceptFindingInput, (values) => ({ justification: values.justification.trim() }), fieldOf), defaultValues: { justification: "" } });
  const error = errors.justification?.message;
  const hint = "Why this agent may keep the combination. Recorded in the audit log.";

  const submit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      await accept.mutateAsync({ findingId: finding.id, justification: values.justification.trim() });
      onClose();
      toast({ title: "Finding accepted", description: `${finding.agent.name}: ${finding.policy.name}`, tone: "success" });
    } catch (thrown) {
      setProblem(applyMappedApiError(thrown, setError, fieldOf));
    }
  });

  return (
    <Dialog open onClose={onClose} dismissible={!isSubmitting} title="Accept finding" description={finding.explanation}>
      <form noValidate aria-label="Accept finding" className="flex flex-col gap-4" onSubmit={submit}>
        <ProblemAlert title="The finding was not accepted" problem={problem} />
        <Field label="Justification" htmlFor="accept-justification" error={error} hint={hint} required>
          <Textarea id="accept-justification" rows={3} invalid={Boolean(error)} aria-describedby={describedBy("accept-justification", { error, hint })} {...register("justification")} />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Accept finding
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
