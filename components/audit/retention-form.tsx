"use client";
// Audit retention per event class (blank keeps a class forever) and the anchoring interval. Admins change them;
// every change is an audit.retention_changed event. Validated with the same schema the server uses.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyMappedApiError, sharedSchemaResolver, type FieldOf } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { EVENT_CLASS_LABELS } from "@/lib/audit/event-classes";
import { MAX_ANCHOR_INTERVAL_MINUTES, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, ZAuditRetentionSettings, type TAuditRetentionSettings } from "@/lib/audit/retention/settings-schema";
import { useAuditIntegrity } from "@/lib/query/audit/use-audit-integrity";
import { useUpdateAuditRetention } from "@/lib/query/audit/use-update-audit-retention";

/** The classes retention may prune; audit-log operations are always kept. */
const CLASSES = ["access", "token", "mcp", "administration", "review"] as const;
type Form = Record<(typeof CLASSES)[number], string> & { interval: string };

const toForm = (settings: TAuditRetentionSettings): Form => ({
  ...(Object.fromEntries(CLASSES.map((eventClass) => [eventClass, settings.auditRetentionDays[eventClass]?.toString() ?? ""])) as Record<(typeof CLASSES)[number], string>),
  interval: String(settings.auditAnchorIntervalMinutes),
});

const number = (text: string) => (text.trim() === "" ? null : Number(text));
const toBody = (form: Form): TAuditRetentionSettings => ({
  auditRetentionDays: { ...(Object.fromEntries(CLASSES.map((eventClass) => [eventClass, number(form[eventClass])])) as Record<(typeof CLASSES)[number], number | null>), audit: null },
  auditAnchorIntervalMinutes: number(form.interval) ?? Number.NaN,
});

const fieldOf: FieldOf<Form> = (path) => {
  if (path.startsWith("auditAnchorIntervalMinutes")) return "interval";
  const eventClass = path.split(".")[1];
  return CLASSES.find((candidate) => candidate === eventClass) ?? null;
};

const DAYS_HINT = `${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS} days; leave empty to keep forever.`;
const INTERVAL_HINT = `Minutes between signed anchors of the chain head (0–${MAX_ANCHOR_INTERVAL_MINUTES}); 0 turns periodic anchoring off.`;

function RetentionFields({ initial, canManage }: { initial: TAuditRetentionSettings; canManage: boolean }) {
  const { toast } = useToast();
  const update = useUpdateAuditRetention();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<Form>({ resolver: sharedSchemaResolver(() => ZAuditRetentionSettings, toBody, fieldOf), defaultValues: toForm(initial) });

  const onSubmit = async (values: Form) => {
    setProblem(null);
    const body = toBody(values);
    try {
      const saved = await update.mutateAsync({ auditRetentionDays: body.auditRetentionDays, auditAnchorIntervalMinutes: body.auditAnchorIntervalMinutes });
      reset(toForm(saved));
      toast({ title: "Retention saved", tone: "success" });
    } catch (error) {
      setProblem(applyMappedApiError(error, setError, fieldOf));
    }
  };

  return (
    <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex max-w-2xl flex-col gap-5" aria-label="Audit retention">
      <ProblemAlert title="Retention was not saved" problem={problem ?? (errors.root?.message ? { message: errors.root.message, issues: [] } : null)} />
      <fieldset disabled={!canManage || isSubmitting} className="flex flex-col gap-4">
        {CLASSES.map((eventClass) => {
          const id = `retention-${eventClass}`;
          const error = errors[eventClass]?.message;
          return (
            <Field key={eventClass} label={`${EVENT_CLASS_LABELS[eventClass]} (days)`} htmlFor={id} error={error} hint={DAYS_HINT}>
              <Input id={id} type="number" inputMode="numeric" min={MIN_RETENTION_DAYS} max={MAX_RETENTION_DAYS} step={1} placeholder="forever" className="w-32" invalid={Boolean(error)} aria-describedby={describedBy(id, { error, hint: DAYS_HINT })} {...register(eventClass)} />
            </Field>
          );
        })}
        <p className="text-sm text-slate-500">{EVENT_CLASS_LABELS.audit}: kept forever — they are the record of pruning itself.</p>
        <Field label="Anchor interval (minutes)" htmlFor="retention-interval" error={errors.interval?.message} hint={INTERVAL_HINT}>
          <Input id="retention-interval" type="number" inputMode="numeric" min={0} max={MAX_ANCHOR_INTERVAL_MINUTES} step={1} className="w-32" invalid={Boolean(errors.interval)} aria-describedby={describedBy("retention-interval", { error: errors.interval?.message, hint: INTERVAL_HINT })} {...register("interval")} />
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
  );
}

export function RetentionForm({ canManage }: { canManage: boolean }) {
  const { data, error } = useAuditIntegrity();
  return (
    <Card title="Retention" description={canManage ? "Older events lose their content (who, what, details) but keep their place and hash in the chain." : "You can view these settings; only admins change them."}>
      {error ? (
        <Alert tone="danger" title="Could not load the retention settings">
          {error.message}
        </Alert>
      ) : data ? (
        <RetentionFields initial={data.retention} canManage={canManage} />
      ) : (
        <p className="text-sm text-slate-500">Loading…</p>
      )}
    </Card>
  );
}
