"use client";
// "Add sink" button and dialog: name, kind, a target in that kind's form, the
// event classes to forward, batch size and where to start; then, for a
// webhook, its signing secret (shown once, with a copy button and a warning).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { KIND_LABELS } from "@/components/audit-sinks/audit-sink-status";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxList } from "@/components/ui/checkbox-list";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SecretOnceDialog } from "@/components/ui/secret-once-dialog";
import { Select } from "@/components/ui/select";
import { EVENT_CLASS_LABELS, EVENT_CLASSES } from "@/lib/audit/event-classes";
import { START_FROM } from "@/lib/audit/sinks/schemas";
import { AUDIT_SINK_KINDS, targetProblems, type AuditSinkKind } from "@/lib/audit/sinks/target-shape";
import { applyApiError } from "@/lib/query/form-errors";
import { useCreateAuditSink } from "@/lib/query/audit-sinks/use-create-audit-sink";

// The API's input, flattened for the form (filter.classes → classes); the server checks it again.
const ZForm = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(100, "At most 100 characters"),
    kind: z.enum(AUDIT_SINK_KINDS),
    target: z.string().trim().min(1, "Target is required").max(2048, "At most 2048 characters"),
    classes: z.array(z.enum(EVENT_CLASSES)),
    batchSize: z.number({ error: "A number from 1 to 1000" }).int("A whole number").min(1, "At least 1").max(1000, "At most 1000"),
    startFrom: z.enum(START_FROM),
  })
  .superRefine((value, ctx) => {
    for (const message of targetProblems(value.kind, value.target)) ctx.addIssue({ code: "custom", path: ["target"], message });
  });
type TForm = z.infer<typeof ZForm>;

const BATCH_HINT = "Most events per request, write or syslog burst (1–1000).";
const START_HINT = "The whole log can be large: it is forwarded in batches over several minutes.";
const SECRET_WARNING = "Copy it now: it will not be shown again. Your SIEM needs it to verify the Warden-Signature header of every batch.";

function targetHelp(kind: AuditSinkKind, sinkDir: string): { label: string; placeholder: string; hint: string } {
  if (kind === "webhook") return { label: "URL", placeholder: "https://siem.example.com/ingest/warden", hint: "Warden POSTs signed JSON batches here. https is required (http only to localhost)." };
  if (kind === "file") return { label: "File", placeholder: `${sinkDir}/warden-audit.jsonl`, hint: `An absolute path under ${sinkDir}. Warden appends one JSON object per line and flushes each batch to disk.` };
  return { label: "Server", placeholder: "tcp://syslog.example.com:6514", hint: "host:port, with udp:// (the default) or tcp:// in front. RFC 5424 messages, facility 13 (log audit), the event as JSON." };
}

export function CreateAuditSinkButton({ sinkDir }: { sinkDir: string }) {
  const createSink = useCreateAuditSink();
  return (
    <SecretOnceDialog
      buttonLabel="Add sink"
      title="Add audit sink"
      description="Warden forwards audit events to the sink in order, in batches, and retries with backoff when it fails."
      createdTitle="Audit sink added"
      createdDescription={(name) => `Batches to ${name} are signed with this secret.`}
      secretLabel="Signing secret"
      secretWarning={SECRET_WARNING}
      toastTitle="Audit sink added"
      busy={createSink.isPending}
    >
      {({ onCancel, onCreated }) => <CreateAuditSinkForm sinkDir={sinkDir} createSink={createSink} onCancel={onCancel} onCreated={(name, secret) => onCreated({ label: name, secret })} />}
    </SecretOnceDialog>
  );
}

function CreateAuditSinkForm({ sinkDir, createSink, onCancel, onCreated }: { sinkDir: string; createSink: ReturnType<typeof useCreateAuditSink>; onCancel: () => void; onCreated: (name: string, secret: string | null) => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TForm>({ resolver: zodResolver(ZForm), defaultValues: { name: "", kind: "webhook", target: "", classes: [], batchSize: 100, startFrom: "now" } });
  const kind = useWatch({ control, name: "kind" });
  const help = targetHelp(kind, sinkDir);

  const onSubmit = async (values: TForm) => {
    setFormError(null);
    try {
      const result = await createSink.mutateAsync({ name: values.name, kind: values.kind, target: values.target, filter: values.classes.length ? { classes: values.classes } : {}, batchSize: values.batchSize, startFrom: values.startFrom });
      // Keep the secret out of the mutation cache: from here it lives in the dialog's state only.
      createSink.reset();
      onCreated(result.sink.name, result.secret);
    } catch (error) {
      setFormError(applyApiError(error, setError, ["name", "kind", "target", "batchSize", "startFrom"]));
    }
  };

  const nameError = errors.name?.message;
  const targetError = errors.target?.message;
  const batchError = errors.batchSize?.message;

  return (
    <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Add audit sink">
      {formError ? (
        <Alert tone="danger" title="The sink was not added">
          {formError}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor="sink-name" error={nameError} required>
          <Input id="sink-name" autoComplete="off" placeholder="e.g. Splunk (EU)" invalid={Boolean(nameError)} aria-describedby={describedBy("sink-name", { error: nameError })} data-autofocus="" {...register("name")} />
        </Field>
        <Field label="Kind" htmlFor="sink-kind">
          <Select id="sink-kind" {...register("kind")}>
            {AUDIT_SINK_KINDS.map((value) => (
              <option key={value} value={value}>
                {KIND_LABELS[value]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={help.label} htmlFor="sink-target" error={targetError} hint={help.hint} required>
        <Input id="sink-target" autoComplete="off" spellCheck={false} placeholder={help.placeholder} className="font-mono" invalid={Boolean(targetError)} aria-describedby={describedBy("sink-target", { error: targetError, hint: help.hint })} {...register("target")} />
      </Field>
      <Controller
        control={control}
        name="classes"
        render={({ field }) => (
          <fieldset className="space-y-2" aria-describedby="sink-classes-hint">
            <legend className="text-sm font-medium text-slate-800">Events</legend>
            <p id="sink-classes-hint" className="text-xs text-slate-500">
              None ticked forwards every event. Single actions can be added through the API.
            </p>
            <CheckboxList idPrefix="sink-class" className="grid gap-1.5 sm:grid-cols-2" options={EVENT_CLASSES} describe={(eventClass) => EVENT_CLASS_LABELS[eventClass]} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
          </fieldset>
        )}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Batch size" htmlFor="sink-batch" error={batchError} hint={BATCH_HINT}>
          <Input id="sink-batch" type="number" min={1} max={1000} invalid={Boolean(batchError)} aria-describedby={describedBy("sink-batch", { error: batchError, hint: BATCH_HINT })} {...register("batchSize", { valueAsNumber: true })} />
        </Field>
        <Field label="Start from" htmlFor="sink-start" hint={START_HINT}>
          <Select id="sink-start" aria-describedby={describedBy("sink-start", { hint: START_HINT })} {...register("startFrom")}>
            <option value="now">Now (new events only)</option>
            <option value="beginning">The beginning of the log</option>
          </Select>
        </Field>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" loading={isSubmitting}>
          Add sink
        </Button>
      </div>
    </form>
  );
}
