"use client";
// "Edit": the registration fields an owner may change (risk tier: admins); sends only what changed.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyMappedApiError, sharedSchemaResolver } from "@/components/identities/form-support";
import { IdentityFields } from "@/components/identities/identity-fields";
import { identityFieldOf, identityFormValues, toUpdateBody, type IdentityFormValues } from "@/components/identities/identity-form-values";
import { KIND_WORD, kindNoun } from "@/components/identities/identity-labels";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { UPDATE_SCHEMAS, type TIdentity } from "@/lib/identities/schemas";
import { useUpdateIdentity } from "@/lib/query/identities/use-update-identity";

export function EditIdentityDialog({ identity, canManageAny, onClose }: { identity: TIdentity; canManageAny: boolean; onClose: () => void }) {
  const { toast } = useToast();
  const kind = identity.kind;
  const update = useUpdateIdentity(kind);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<IdentityFormValues>({
    resolver: sharedSchemaResolver<IdentityFormValues>(() => UPDATE_SCHEMAS[kind], (values) => toUpdateBody(kind, values, identity, canManageAny), identityFieldOf),
    defaultValues: identityFormValues(identity),
  });
  const rootError = form.formState.errors.root?.message;
  const submitting = form.formState.isSubmitting;

  const onSubmit = async (values: IdentityFormValues) => {
    setProblem(null);
    try {
      const updated = await update.mutateAsync({ id: identity.id, input: toUpdateBody(kind, values, identity, canManageAny) });
      onClose();
      toast({ title: `${KIND_WORD[kind]} updated`, description: updated.name, tone: "success" });
    } catch (error) {
      setProblem(applyMappedApiError(error, form.setError, identityFieldOf));
    }
  };

  return (
    <Dialog open onClose={onClose} dismissible={!submitting} title={`Edit ${kindNoun(kind)}`} description={`${identity.name} (${identity.slug})`} size="lg">
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label={`Edit ${kindNoun(kind)}`}>
        <ProblemAlert title="Nothing was saved" problem={problem ?? (rootError ? { message: rootError, issues: [] } : null)} />
        <IdentityFields form={form} kind={kind} mode="edit" idPrefix={`edit-${kind}`} canManageAny={canManageAny} owner={identity.owner} backupOwner={identity.backupOwner} />
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            Save changes
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
