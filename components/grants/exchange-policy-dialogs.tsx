"use client";
// Exchange policy dialogs (admins): "Add exchange policy" (server, downstream resource, scopes, max depth) and
// "Revoke exchange policy" (with a reason).
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { ReasonConfirmDialog } from "@/components/catalog/reason-confirm-dialog";
import { IdentitySelect } from "@/components/grants/identity-select";
import { applyMappedApiError, fieldMap, sharedSchemaResolver } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { ZCreateExchangePolicyInput, type TExchangePolicy } from "@/lib/exchange/schemas";
import { useCreateExchangePolicy } from "@/lib/query/grants/use-create-exchange-policy";
import { useRevokeExchangePolicy } from "@/lib/query/grants/use-revoke-exchange-policy";

type PolicyForm = { serverId: string; resourceId: string; scopes: string; maxDepth: string };

// the API's schema, with words for an empty choice
const ZPolicyBody = ZCreateExchangePolicyInput.extend({
  serverId: z.string().min(1, "Choose an MCP server").pipe(ZCreateExchangePolicyInput.shape.serverId),
  resourceId: z.string().min(1, "Choose a downstream resource").pipe(ZCreateExchangePolicyInput.shape.resourceId),
  maxDepth: z.number({ error: "Give a whole number from 1 to 8" }).pipe(ZCreateExchangePolicyInput.shape.maxDepth.unwrap()),
});

const toBody = (values: PolicyForm) => ({
  serverId: values.serverId,
  resourceId: values.resourceId,
  scopes: values.scopes.split(/[\s,]+/).filter(Boolean),
  maxDepth: values.maxDepth.trim() === "" ? Number.NaN : Number(values.maxDepth),
});
const fieldOf = fieldMap<PolicyForm>(["serverId", "resourceId", "scopes", "maxDepth"]);

export function AddExchangePolicyDialog({ onClose }: { onClose: () => void }) {
  const { toast } = useToast();
  const create = useCreateExchangePolicy();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<PolicyForm>({ resolver: sharedSchemaResolver<PolicyForm>(() => ZPolicyBody, toBody, fieldOf), defaultValues: { serverId: "", resourceId: "", scopes: "", maxDepth: "4" } });
  const scopesError = errors.scopes?.message;
  const scopesHint = "The scopes the server may ask for at the resource, separated by commas or spaces.";
  const depthError = errors.maxDepth?.message;
  const depthHint = "How many exchanges deep a delegation chain may go (1–8).";

  const onSubmit = async (values: PolicyForm) => {
    setProblem(null);
    try {
      const policy = await create.mutateAsync(toBody(values));
      onClose();
      toast({ title: "Exchange policy added", description: `${policy.server.name} → ${policy.resource.name}`, tone: "success" });
    } catch (thrown) {
      setProblem(applyMappedApiError(thrown, setError, fieldOf));
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!isSubmitting}
      size="lg"
      title="Add exchange policy"
      description="Allow an MCP server to exchange the tokens agents send it (RFC 8693) for tokens to a downstream resource, limited to these scopes."
    >
      <form noValidate aria-label="Add exchange policy" className="flex flex-col gap-4" onSubmit={handleSubmit(onSubmit)}>
        <ProblemAlert title="The policy was not added" problem={problem} />
        <Controller
          control={control}
          name="serverId"
          render={({ field }) => <IdentitySelect kind="server" id="policy-server" label="MCP server" placeholder="Choose an MCP server" value={field.value} onChange={(value) => field.onChange(value)} error={errors.serverId?.message} required disabled={isSubmitting} />}
        />
        <Controller
          control={control}
          name="resourceId"
          render={({ field }) => (
            <IdentitySelect kind="resource" id="policy-resource" label="Downstream resource" placeholder="Choose a resource" value={field.value} onChange={(value) => field.onChange(value)} error={errors.resourceId?.message} required disabled={isSubmitting} />
          )}
        />
        <Field label="Downstream scopes" htmlFor="policy-scopes" error={scopesError} hint={scopesHint} required>
          <Input id="policy-scopes" className="font-mono" autoComplete="off" spellCheck={false} placeholder="repo:read, issues:write" invalid={Boolean(scopesError)} aria-describedby={describedBy("policy-scopes", { error: scopesError, hint: scopesHint })} {...register("scopes")} />
        </Field>
        <Field label="Max depth" htmlFor="policy-max-depth" error={depthError} hint={depthHint} required>
          <Input id="policy-max-depth" type="number" inputMode="numeric" min={1} max={8} step={1} className="w-24" invalid={Boolean(depthError)} aria-describedby={describedBy("policy-max-depth", { error: depthError, hint: depthHint })} {...register("maxDepth")} />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Add exchange policy
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function RevokeExchangePolicyDialog({ policy, onClose }: { policy: TExchangePolicy; onClose: () => void }) {
  const { toast } = useToast();
  const revoke = useRevokeExchangePolicy();
  return (
    <ReasonConfirmDialog
      id="revoke-policy-reason"
      title="Revoke exchange policy"
      description={`${policy.server.name} can no longer exchange agents' tokens for ${policy.resource.name}. Tokens it already obtained stay valid until they expire.`}
      confirmLabel="Revoke policy"
      failureTitle="The policy was not revoked"
      reasonRequired
      hint="Recorded in the audit log."
      onClose={onClose}
      onSubmit={async (reason) => {
        await revoke.mutateAsync({ policyId: policy.id, reason: reason ?? "" });
        onClose();
        toast({ title: "Exchange policy revoked", description: `${policy.server.name} → ${policy.resource.name}`, tone: "success" });
      }}
    />
  );
}
