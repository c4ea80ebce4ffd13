"use client";
// "Add endpoint" button and dialog: URL, description and events, then the
// signing secret (shown once, with a copy button and a warning).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxList } from "@/components/ui/checkbox-list";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SecretOnceDialog } from "@/components/ui/secret-once-dialog";
import { EVENT_LABELS, NOTIFICATION_EVENTS } from "@/lib/notifications/events";
import { ZCreateWebhookInput } from "@/lib/notifications/schemas";
import { applyApiError } from "@/lib/query/form-errors";
import { useCreateWebhook } from "@/lib/query/notifications/use-create-webhook";

const ZForm = ZCreateWebhookInput.pick({ url: true, description: true, events: true });
type TFormIn = z.input<typeof ZForm>;
type TFormOut = z.output<typeof ZForm>;

const SECRET_WARNING = "Copy it now: it will not be shown again. Your receiver needs it to verify the Warden-Signature header of every delivery.";
const URL_HINT = "Warden POSTs signed JSON here. https is required (http only for localhost in production).";

export function CreateWebhookButton() {
  const createWebhook = useCreateWebhook();
  return (
    <SecretOnceDialog
      buttonLabel="Add endpoint"
      title="Add webhook endpoint"
      description="Warden posts campaign events to this URL, signed with a secret it generates."
      createdTitle="Webhook endpoint added"
      createdDescription={(url) => `Deliveries to ${url} are signed with this secret.`}
      secretLabel="Signing secret"
      secretWarning={SECRET_WARNING}
      toastTitle="Webhook endpoint added"
      busy={createWebhook.isPending}
    >
      {({ onCancel, onCreated }) => <CreateWebhookForm createWebhook={createWebhook} onCancel={onCancel} onCreated={(url, secret) => onCreated({ label: url, secret })} />}
    </SecretOnceDialog>
  );
}

function CreateWebhookForm({ createWebhook, onCancel, onCreated }: { createWebhook: ReturnType<typeof useCreateWebhook>; onCancel: () => void; onCreated: (url: string, secret: string) => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TFormIn, unknown, TFormOut>({
    resolver: zodResolver(ZForm),
    defaultValues: { url: "", description: "", events: ["campaign.launched", "campaign.reminder", "campaign.escalated", "campaign.closed"] },
  });

  const onSubmit = async (values: TFormOut) => {
    setFormError(null);
    try {
      const result = await createWebhook.mutateAsync({ url: values.url, description: values.description || undefined, events: values.events });
      // Keep the secret out of the mutation cache: from here it lives in the dialog's state only.
      createWebhook.reset();
      onCreated(result.endpoint.url, result.secret);
    } catch (error) {
      setFormError(applyApiError(error, setError, ["url", "description", "events"]));
    }
  };

  const urlError = errors.url?.message;
  const descriptionError = errors.description?.message;
  const eventsError = errors.events?.message ?? errors.events?.root?.message;

  return (
    <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Add webhook endpoint">
      {formError ? (
        <Alert tone="danger" title="The endpoint was not added">
          {formError}
        </Alert>
      ) : null}
      <Field label="URL" htmlFor="webhook-url" error={urlError} hint={URL_HINT} required>
        <Input
          id="webhook-url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://hooks.example.com/warden"
          className="font-mono"
          invalid={Boolean(urlError)}
          aria-describedby={describedBy("webhook-url", { error: urlError, hint: URL_HINT })}
          data-autofocus=""
          {...register("url")}
        />
      </Field>
      <Field label="Description" htmlFor="webhook-description" error={descriptionError}>
        <Input id="webhook-description" autoComplete="off" placeholder="e.g. SIEM, #access-reviews channel" invalid={Boolean(descriptionError)} aria-describedby={describedBy("webhook-description", { error: descriptionError })} {...register("description")} />
      </Field>
      <Controller
        control={control}
        name="events"
        render={({ field }) => (
          <fieldset className="space-y-2" aria-describedby={eventsError ? "webhook-events-error" : undefined}>
            <legend className="text-sm font-medium text-slate-800">Events</legend>
            <CheckboxList idPrefix="webhook-event" options={NOTIFICATION_EVENTS} describe={(event) => EVENT_LABELS[event]} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
            {eventsError ? (
              <p id="webhook-events-error" role="alert" className="text-xs font-medium text-red-700">
                {eventsError}
              </p>
            ) : null}
          </fieldset>
        )}
      />
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" loading={isSubmitting}>
          Add endpoint
        </Button>
      </div>
    </form>
  );
}
