"use client";
// "Trust an attester": name, issuer, its public JWKS and the claims that mean "hardware-bound".
// Checked in the browser with the API's own schema (JSON text parsed first), and again by the
// server; every problem lands on its field, and nothing typed is lost on an error.
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { applyMappedApiError, fieldMap, sharedSchemaResolver } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ZRegisterAttesterInput, type TRegisterAttesterInput } from "@/lib/attesters/schemas";
import { useRegisterAttester } from "@/lib/query/attesters/use-register-attester";

type AttesterForm = { name: string; issuer: string; jwks: string; hardwareClaims: string; expiresAt: string };
const fieldOf = fieldMap<AttesterForm>(["name", "issuer", "jwks", "hardwareClaims", "expiresAt"]);
const JSON_FIELDS = ["jwks", "hardwareClaims"] as const;

function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The API body of the form (JSON fields already known to parse). */
function toBody(values: AttesterForm): TRegisterAttesterInput {
  return {
    name: values.name.trim(),
    issuer: values.issuer.trim(),
    jwks: JSON.parse(values.jwks) as TRegisterAttesterInput["jwks"],
    hardwareClaims: JSON.parse(values.hardwareClaims) as TRegisterAttesterInput["hardwareClaims"],
    ...(values.expiresAt ? { expiresAt: new Date(values.expiresAt).toISOString() } : {}),
  };
}

const schemaResolver = sharedSchemaResolver<AttesterForm>(() => ZRegisterAttesterInput, toBody, fieldOf);

// text that is not JSON is named as such, before the schema would call it the wrong type
const resolver: Resolver<AttesterForm> = async (values, context, options) => {
  const invalid = JSON_FIELDS.filter((field) => !parsed(values[field]).ok);
  if (invalid.length > 0) return { values: {}, errors: Object.fromEntries(invalid.map((field) => [field, { type: "json", message: "Not valid JSON" }])) };
  return schemaResolver(values, context, options);
};

export function RegisterAttesterDialog({ onClose }: { onClose: () => void }) {
  const registerAttester = useRegisterAttester();
  const { toast } = useToast();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AttesterForm>({ resolver, defaultValues: { name: "", issuer: "", jwks: '{ "keys": [] }', hardwareClaims: '{ "key_storage": ["tpm"] }', expiresAt: "" } });

  const submit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const created = await registerAttester.mutateAsync(toBody(values));
      toast({ title: "Attester trusted", description: created.name, tone: "success" });
      onClose();
    } catch (failure) {
      setProblem(applyMappedApiError(failure, setError, fieldOf));
    }
  });

  const field = (name: keyof AttesterForm, id: string, hint?: string) => ({
    id,
    invalid: Boolean(errors[name]),
    "aria-describedby": describedBy(id, { error: errors[name]?.message, hint }),
    ...register(name),
  });
  const hints = {
    issuer: "The iss of its attestations, compared exactly",
    jwks: "Public keys only; private members are refused",
    hardwareClaims: "Claim → values meaning the key is hardware-bound; every claim listed must hold one of its values",
    expiresAt: "Leave empty to trust until revoked",
  };

  return (
    <Dialog open onClose={onClose} title="Trust an attester" size="lg" description="An attester (a TPM-backed agent runtime, a cloud KMS, an MDM) signs Client Attestation JWTs that bind an agent instance's key and say where it is stored.">
      <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
        <ProblemAlert title="The attester was not saved" problem={problem ?? (errors.root?.message ? { message: errors.root.message, issues: [] } : null)} />
        <Field label="Name" htmlFor="attester-name" error={errors.name?.message} required>
          <Input {...field("name", "attester-name")} />
        </Field>
        <Field label="Issuer" htmlFor="attester-issuer" hint={hints.issuer} error={errors.issuer?.message} required>
          <Input {...field("issuer", "attester-issuer", hints.issuer)} />
        </Field>
        <Field label="Public keys (JWKS)" htmlFor="attester-jwks" hint={hints.jwks} error={errors.jwks?.message} required>
          <Textarea rows={5} className="font-mono text-xs" {...field("jwks", "attester-jwks", hints.jwks)} />
        </Field>
        <Field label="Hardware claims" htmlFor="attester-claims" hint={hints.hardwareClaims} error={errors.hardwareClaims?.message} required>
          <Textarea rows={3} className="font-mono text-xs" {...field("hardwareClaims", "attester-claims", hints.hardwareClaims)} />
        </Field>
        <Field label="Trusted until" htmlFor="attester-expires" hint={hints.expiresAt} error={errors.expiresAt?.message}>
          <Input type="datetime-local" {...field("expiresAt", "attester-expires", hints.expiresAt)} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            Trust attester
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
