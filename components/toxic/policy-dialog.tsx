"use client";
// "New policy" / "Edit policy" (admins): name, description, the capability tags that together are toxic
// (2–10, chosen from the defined tags), the mode and whether it is enabled. Problems from the API land on the
// fields; nothing typed is lost when the save fails.
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { applyMappedApiError, fieldMap, sharedSchemaResolver } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { MODE_LABELS } from "@/components/toxic/mode-badge";
import { Button } from "@/components/ui/button";
import { CheckboxList } from "@/components/ui/checkbox-list";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { useCapabilityTags } from "@/lib/query/capabilities/use-capability-tags";
import { useSaveToxicPolicy } from "@/lib/query/toxic/use-save-toxic-policy";
import type { ToxicMode } from "@/lib/toxic/check";
import { TOXIC_MODES, ZCreateToxicPolicyInput, type TToxicPolicy } from "@/lib/toxic/schemas";

type PolicyForm = { name: string; description: string; tags: string[]; mode: ToxicMode; enabled: boolean };

const toBody = (values: PolicyForm) => ({ name: values.name, description: values.description.trim() || undefined, tags: values.tags, mode: values.mode, enabled: values.enabled });
const fieldOf = fieldMap<PolicyForm>(["name", "description", "tags", "mode", "enabled"]);
const MODE_HINTS: Record<ToxicMode, string> = {
  block: "refuse grants and requests that complete it, and suspend the grants of agents that already hold it",
  require_approval: "grants and requests that complete it wait for a security approval with a justification",
  warn: "flag agents that hold it, for review",
};

export function PolicyDialog({ policy, onClose }: { policy: TToxicPolicy | null; onClose: () => void }) {
  const { toast } = useToast();
  const save = useSaveToxicPolicy();
  const tags = useCapabilityTags();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<PolicyForm>({
    resolver: sharedSchemaResolver<PolicyForm>(() => ZCreateToxicPolicyInput, toBody, fieldOf),
    defaultValues: policy ? { name: policy.name, description: policy.description ?? "", tags: policy.tags, mode: policy.mode, enabled: policy.enabled } : { name: "", description: "", tags: [], mode: "block", enabled: true },
  });
  const mode = useWatch({ control, name: "mode" });
  const names = new Map((tags.data?.items ?? []).map((tag) => [tag.tag, tag.name]));
  // a tag the policy names but that is no longer defined stays visible, so saving shows the API's answer
  const options = [...new Set([...(tags.data?.items ?? []).map((tag) => tag.tag), ...(policy?.tags ?? [])])];

  const onSubmit = async (values: PolicyForm) => {
    setProblem(null);
    try {
      const body = toBody(values);
      const saved = await save.mutateAsync({ policyId: policy?.id ?? null, body: policy ? { ...body, description: body.description ?? null } : body });
      onClose();
      const flagged = saved.flaggedAgentIds.length;
      toast({ title: policy ? "Policy saved" : "Policy created", description: flagged ? `${flagged} agent${flagged === 1 ? "" : "s"} newly flagged` : saved.name, tone: "success" });
    } catch (thrown) {
      setProblem(applyMappedApiError(thrown, setError, fieldOf));
    }
  };

  const tagsError = errors.tags?.message;
  const modeError = errors.mode?.message;
  return (
    <Dialog open onClose={onClose} dismissible={!isSubmitting} size="lg" title={policy ? "Edit toxic-combination policy" : "New toxic-combination policy"} description="Capability tags that are unsafe together in one agent's hands, across every server it can reach.">
      <form noValidate aria-label={policy ? "Edit policy" : "New policy"} className="flex flex-col gap-4" onSubmit={handleSubmit(onSubmit)}>
        <ProblemAlert title="The policy was not saved" problem={problem} />
        <Field label="Name" htmlFor="policy-name" error={errors.name?.message} required>
          <Input id="policy-name" autoComplete="off" invalid={Boolean(errors.name)} aria-describedby={describedBy("policy-name", { error: errors.name?.message })} {...register("name")} />
        </Field>
        <Field label="Description" htmlFor="policy-description" error={errors.description?.message}>
          <Textarea id="policy-description" rows={2} invalid={Boolean(errors.description)} {...register("description")} />
        </Field>
        <Field label="Tags held together" htmlFor="policy-tags" error={tagsError} hint="Choose 2 to 10. An agent violates the policy when its tools give it every one of them." required>
          {tags.isPending ? (
            <Spinner label="Loading tags" />
          ) : (
            <div id="policy-tags">
              <Controller control={control} name="tags" render={({ field }) => <CheckboxList idPrefix="policy-tag" options={options} describe={(tag) => names.get(tag) ?? "not a defined tag"} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
            </div>
          )}
        </Field>
        <Field label="Mode" htmlFor="policy-mode" error={modeError} hint={MODE_HINTS[mode]} required>
          <Select id="policy-mode" invalid={Boolean(modeError)} {...register("mode")}>
            {TOXIC_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {MODE_LABELS[mode]}
              </option>
            ))}
          </Select>
        </Field>
        <CheckboxField id="policy-enabled" label="Enabled" {...register("enabled")} />
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {policy ? "Save policy" : "Create policy"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
