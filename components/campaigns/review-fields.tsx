"use client";
// The campaign form's second half: who reviews, when (UTC, like every date in the console),
// reminders and escalation, recurrence, and what the due date does to undecided items.
import { Controller, type UseFormReturn } from "react-hook-form";
import { Section } from "@/components/campaigns/campaign-fields";
import type { CampaignFormValues } from "@/components/campaigns/campaign-form-values";
import { POLICIES_FOR, POLICY_HINTS, POLICY_LABELS, POLICY_RULES, RECURRENCE_LABELS, RULE_HINTS, RULE_LABELS } from "@/components/campaigns/campaign-labels";
import { RadioGroup } from "@/components/campaigns/radio-group";
import { PeoplePicker } from "@/components/identities/people-picker";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { RECURRENCES, REVIEWER_RULES } from "@/lib/campaigns/schemas";

const HINTS = {
  startsAt: "UTC. Empty: when you launch it.",
  dueAt: "UTC. Undecided items get the policy below at this moment.",
  remind: "Reviewers with open items are reminded this many days before the due date. Empty: no reminder.",
  escalate: "Open items move to the fallback admin this many days before the due date (fewer days than the reminder). Empty: never.",
  recurrence: "Launching a recurring campaign creates the next one, shifted by this period, which launches itself at its start.",
} as const;

type NumberField = "remindDaysBefore" | "escalateDaysBefore";
type DateField = "startsAt" | "dueAt";

export function ReviewFields({ form, idPrefix }: { form: UseFormReturn<CampaignFormValues>; idPrefix: string }) {
  const {
    register,
    control,
    watch,
    formState: { errors, isSubmitting },
  } = form;
  const id = (name: string) => `${idPrefix}-${name}`;
  const type = watch("type");
  const rule = watch("reviewerRule");
  const recurrenceError = errors.recurrence?.message;

  const dateInput = (name: DateField, label: string, required: boolean) => {
    const error = errors[name]?.message;
    return (
      <Field label={label} htmlFor={id(name)} error={error} hint={HINTS[name]} required={required}>
        <Input id={id(name)} type="datetime-local" className="w-60" invalid={Boolean(error)} aria-describedby={describedBy(id(name), { error, hint: HINTS[name] })} {...register(name)} />
      </Field>
    );
  };
  const daysInput = (name: NumberField, label: string, hint: string) => {
    const error = errors[name]?.message;
    return (
      <Field label={label} htmlFor={id(name)} error={error} hint={hint}>
        <Input id={id(name)} type="number" inputMode="numeric" min={1} max={90} className="max-w-40" invalid={Boolean(error)} aria-describedby={describedBy(id(name), { error, hint })} {...register(name)} />
      </Field>
    );
  };

  return (
    <>
      <Section title="Reviewers">
        <Controller
          control={control}
          name="reviewerRule"
          render={({ field, fieldState }) => (
            <RadioGroup
              id={id("rule")}
              name={field.name}
              legend="Who reviews"
              options={REVIEWER_RULES.filter((value) => value !== "server_owner" || type === "grant").map((value) => ({ value, label: RULE_LABELS[value], hint: RULE_HINTS[value] }))}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
              disabled={isSubmitting}
            />
          )}
        />
        {rule === "named" ? (
          <Controller
            control={control}
            name="reviewerId"
            render={({ field, fieldState }) => (
              <PeoplePicker
                id={id("reviewer")}
                label="Reviewer"
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                placeholder="Choose the reviewer"
                error={fieldState.error?.message}
                hint="An active admin or owner: every item goes to them."
                required
                disabled={isSubmitting}
              />
            )}
          />
        ) : null}
      </Section>

      <Section title="Schedule">
        <div className="flex flex-wrap gap-4">
          {dateInput("startsAt", "Starts", false)}
          {dateInput("dueAt", "Due", true)}
        </div>
        <div className="flex flex-wrap gap-4">
          {daysInput("remindDaysBefore", "Remind (days before due)", HINTS.remind)}
          {daysInput("escalateDaysBefore", "Escalate (days before due)", HINTS.escalate)}
        </div>
        <Field label="Recurrence" htmlFor={id("recurrence")} error={recurrenceError} hint={HINTS.recurrence}>
          <Select id={id("recurrence")} className="w-48" invalid={Boolean(recurrenceError)} aria-describedby={describedBy(id("recurrence"), { error: recurrenceError, hint: HINTS.recurrence })} {...register("recurrence")}>
            <option value="">Does not repeat</option>
            {RECURRENCES.map((value) => (
              <option key={value} value={value}>
                {RECURRENCE_LABELS[value]}
              </option>
            ))}
          </Select>
        </Field>
      </Section>

      <Section title="Undecided items" description="What the due date does to items nobody decided.">
        <Controller
          control={control}
          name="undecidedPolicy"
          render={({ field, fieldState }) => (
            <RadioGroup
              id={id("policy")}
              name={field.name}
              legend="At the due date"
              hint={POLICY_RULES[type]}
              options={POLICIES_FOR[type].map((value, index) => ({ value, label: `${POLICY_LABELS[value]}${index === 0 ? " (default)" : ""}`, hint: POLICY_HINTS[value] }))}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
              disabled={isSubmitting}
            />
          )}
        />
      </Section>
    </>
  );
}
