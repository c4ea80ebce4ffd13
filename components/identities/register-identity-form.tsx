"use client";
// Register form for any identity kind: common fields plus the kind's own; on success opens the new identity.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyMappedApiError, sharedSchemaResolver } from "@/components/identities/form-support";
import { IdentityFields } from "@/components/identities/identity-fields";
import { identityFieldOf, newIdentityFormValues, toRegisterBody, type IdentityFormValues } from "@/components/identities/identity-form-values";
import { detailHref, KIND_WORD } from "@/components/identities/identity-labels";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { KIND_INFO, type IdentityKind } from "@/lib/identities/kinds";
import { REGISTER_SCHEMAS } from "@/lib/identities/schemas";
import { useRegisterIdentity } from "@/lib/query/identities/use-register-identity";

type CurrentUser = { id: string; name: string; email: string };

export function RegisterIdentityForm({ kind, currentUser, canManageAny }: { kind: IdentityKind; currentUser: CurrentUser; canManageAny: boolean }) {
  const router = useRouter();
  const { toast } = useToast();
  const registerIdentity = useRegisterIdentity(kind);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<IdentityFormValues>({
    resolver: sharedSchemaResolver<IdentityFormValues>(() => REGISTER_SCHEMAS[kind], (values) => toRegisterBody(kind, values, canManageAny), identityFieldOf),
    defaultValues: newIdentityFormValues(currentUser.id),
  });
  const word = KIND_WORD[kind];
  const rootError = form.formState.errors.root?.message;

  const onSubmit = async (values: IdentityFormValues) => {
    setProblem(null);
    try {
      const identity = await registerIdentity.mutateAsync(toRegisterBody(kind, values, canManageAny));
      toast({
        title: `${word} registered`,
        description: identity.status === "pending" ? `${identity.name} is pending until an admin approves it.` : `${identity.name} is active.`,
        tone: "success",
      });
      router.push(detailHref(identity));
    } catch (error) {
      setProblem(applyMappedApiError(error, form.setError, identityFieldOf));
    }
  };

  return (
    <Card>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex max-w-2xl flex-col gap-4" aria-label={`Register ${KIND_INFO[kind].label}`}>
        <ProblemAlert title={`The ${word.toLowerCase()} was not registered`} problem={problem ?? (rootError ? { message: rootError, issues: [] } : null)} />
        <IdentityFields form={form} kind={kind} mode="register" idPrefix={`register-${kind}`} canManageAny={canManageAny} currentUser={currentUser} />
        <div className="flex items-center gap-2 border-t border-slate-200 pt-4">
          <Button type="submit" loading={form.formState.isSubmitting}>
            Register {word.toLowerCase()}
          </Button>
          <ButtonLink href={`/${KIND_INFO[kind].plural}`} variant="secondary">
            Cancel
          </ButtonLink>
        </div>
      </form>
    </Card>
  );
}
