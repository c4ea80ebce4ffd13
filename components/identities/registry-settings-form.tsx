"use client";
// Registry settings: auto-approval of development identities, key proof in production, rotation overlap and import size.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { applyMappedApiError, fieldMap } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { ZSettings, type Settings } from "@/lib/settings/defaults";
import { useSettings } from "@/lib/query/identities/use-settings";
import { useUpdateSettings } from "@/lib/query/identities/use-update-settings";

// Number inputs give text; the shared schema checks the numbers.
const number = (schema: z.ZodNumber) => z.string().trim().min(1, "Required").transform(Number).pipe(schema);
const ZSettingsForm = z.object({
  autoApproveDevelopment: ZSettings.shape.autoApproveDevelopment,
  requireKeyProofInProduction: ZSettings.shape.requireKeyProofInProduction,
  keyRotationOverlapDays: number(ZSettings.shape.keyRotationOverlapDays),
  maxImportDocuments: number(ZSettings.shape.maxImportDocuments),
});
type FormIn = z.input<typeof ZSettingsForm>;
type FormOut = z.output<typeof ZSettingsForm>;
const fieldOf = fieldMap<FormIn>(["autoApproveDevelopment", "requireKeyProofInProduction", "keyRotationOverlapDays", "maxImportDocuments"]);

const toForm = (settings: Settings): FormIn => ({ ...settings, keyRotationOverlapDays: String(settings.keyRotationOverlapDays), maxImportDocuments: String(settings.maxImportDocuments) });

const HINTS = {
  autoApprove: "Identities registered for the development environment are active at once; others wait for an admin's approval.",
  keyProof: "Keys of production identities must come with a proof of possession (a signed Warden challenge).",
  overlap: "Default days a retired key stays published (0–90), so verifiers can switch to the new key.",
  maxImport: "The most server.json documents one import may contain (1–5000).",
};

export function RegistrySettingsForm({ initial, canManage }: { initial: Settings; canManage: boolean }) {
  const { toast } = useToast();
  const { data } = useSettings({ initialData: initial });
  const update = useUpdateSettings();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(ZSettingsForm), defaultValues: toForm(data ?? initial) });
  const overlapError = errors.keyRotationOverlapDays?.message;
  const importError = errors.maxImportDocuments?.message;

  const onSubmit = async (values: FormOut) => {
    setProblem(null);
    const before = data ?? initial;
    const patch = Object.fromEntries(Object.entries(values).filter(([key, value]) => before[key as keyof Settings] !== value)) as Partial<Settings>;
    if (Object.keys(patch).length === 0) {
      setProblem({ message: "Nothing changed.", issues: [] });
      return;
    }
    try {
      const saved = await update.mutateAsync(patch);
      reset(toForm(saved));
      toast({ title: "Settings saved", tone: "success" });
    } catch (error) {
      setProblem(applyMappedApiError(error, setError, fieldOf));
    }
  };

  return (
    <Card title="Registry" description={canManage ? undefined : "You can view these settings; only admins change them."}>
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex max-w-2xl flex-col gap-5" aria-label="Registry settings">
        <ProblemAlert title="The settings were not saved" problem={problem} />
        <fieldset disabled={!canManage || isSubmitting} className="flex flex-col gap-5">
          <CheckboxField id="settings-auto-approve" label="Approve development identities automatically" hint={HINTS.autoApprove} {...register("autoApproveDevelopment")} />
          <CheckboxField id="settings-key-proof" label="Require proof of possession for production keys" hint={HINTS.keyProof} {...register("requireKeyProofInProduction")} />
          <Field label="Key rotation overlap (days)" htmlFor="settings-overlap" error={overlapError} hint={HINTS.overlap}>
            <Input id="settings-overlap" type="number" inputMode="numeric" min={0} max={90} step={1} className="w-32" invalid={Boolean(overlapError)} aria-describedby={describedBy("settings-overlap", { error: overlapError, hint: HINTS.overlap })} {...register("keyRotationOverlapDays")} />
          </Field>
          <Field label="Most documents per import" htmlFor="settings-max-import" error={importError} hint={HINTS.maxImport}>
            <Input id="settings-max-import" type="number" inputMode="numeric" min={1} max={5000} step={1} className="w-32" invalid={Boolean(importError)} aria-describedby={describedBy("settings-max-import", { error: importError, hint: HINTS.maxImport })} {...register("maxImportDocuments")} />
          </Field>
        </fieldset>
        {canManage ? (
          <div className="flex items-center gap-2 border-t border-slate-200 pt-4">
            <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
              Save
            </Button>
          </div>
        ) : null}
      </form>
    </Card>
  );
}
