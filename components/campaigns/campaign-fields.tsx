"use client";
// The campaign form's first half: what is reviewed — the type, name and description, then the
// filters that apply to that type (each one narrows; none means everything of the type).
import type { ReactNode } from "react";
import { Controller, type UseFormReturn } from "react-hook-form";
import { CheckboxGroup } from "@/components/campaigns/checkbox-group";
import type { CampaignFormValues } from "@/components/campaigns/campaign-form-values";
import { POLICIES_FOR, TYPE_HINTS, TYPE_LABELS } from "@/components/campaigns/campaign-labels";
import { OwnerFilter, ServerFilter } from "@/components/campaigns/filter-pickers";
import { RadioGroup } from "@/components/campaigns/radio-group";
import { TIER_LABELS } from "@/components/catalog/tiers";
import { ENVIRONMENT_LABELS, KIND_WORD, RISK_LABELS } from "@/components/identities/identity-labels";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { TOOL_TIERS } from "@/lib/catalog/classify";
import { CAMPAIGN_TYPES, type CampaignType } from "@/lib/campaigns/schemas";
import { ENVIRONMENTS, IDENTITY_KINDS, RISK_TIERS } from "@/lib/identities/kinds";
import { CheckboxField } from "@/components/identities/checkbox-field";

const TOXIC_HINT = "Agents whose access across all servers holds every capability of a toxic-combination policy (e.g. the lethal trifecta).";

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

export function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section className="space-y-4 border-t border-slate-200 pt-4 first:border-t-0 first:pt-0">
      <div>
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {description ? <p className="mt-0.5 text-sm text-slate-500">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

export function CampaignFields({ form, mode, idPrefix }: { form: UseFormReturn<CampaignFormValues>; mode: "create" | "edit"; idPrefix: string }) {
  const {
    register,
    control,
    watch,
    getValues,
    setValue,
    formState: { errors, isSubmitting },
  } = form;
  const id = (name: string) => `${idPrefix}-${name}`;
  const type = watch("type");
  const nameError = errors.name?.message;
  const descriptionError = errors.description?.message;
  const unusedError = errors.unusedForDays?.message;
  const unusedHint = "Only grant scopes with no allowed call reported in this many days; empty for all.";

  /** Keeps the reviewer rule and the undecided policy valid for the new type. */
  function changeType(next: CampaignType) {
    setValue("type", next, { shouldDirty: true });
    if (!POLICIES_FOR[next].includes(getValues("undecidedPolicy"))) setValue("undecidedPolicy", POLICIES_FOR[next][0]!, { shouldDirty: true });
    if (next !== "grant" && getValues("reviewerRule") === "server_owner") setValue("reviewerRule", "owner", { shouldDirty: true });
  }

  return (
    <>
      <Section title="What to review">
        {mode === "create" ? (
          <Controller
            control={control}
            name="type"
            render={({ field, fieldState }) => (
              <RadioGroup
                id={id("type")}
                name={field.name}
                legend="Type"
                options={CAMPAIGN_TYPES.map((value) => ({ value, label: TYPE_LABELS[value], hint: TYPE_HINTS[value] }))}
                value={field.value}
                onChange={changeType}
                error={fieldState.error?.message}
                disabled={isSubmitting}
              />
            )}
          />
        ) : (
          <p className="text-sm text-slate-700">
            <span className="font-medium">Type:</span> {TYPE_LABELS[type]} — fixed once the campaign exists.
          </p>
        )}
        <Field label="Name" htmlFor={id("name")} error={nameError} required>
          <Input id={id("name")} autoComplete="off" invalid={Boolean(nameError)} aria-describedby={describedBy(id("name"), { error: nameError })} {...register("name")} />
        </Field>
        <Field label="Description" htmlFor={id("description")} error={descriptionError}>
          <Textarea id={id("description")} invalid={Boolean(descriptionError)} aria-describedby={describedBy(id("description"), { error: descriptionError })} {...register("description")} />
        </Field>
      </Section>

      <Section title="Filters" description="Each filter narrows the campaign; an empty one does not. Filters that do not apply to the type are not sent.">
        {type === "identity" ? (
          <Controller
            control={control}
            name="kinds"
            render={({ field, fieldState }) => <CheckboxGroup id={id("kinds")} legend="Kinds" options={options(IDENTITY_KINDS, KIND_WORD)} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />}
          />
        ) : null}
        <Controller
          control={control}
          name="environments"
          render={({ field, fieldState }) => (
            <CheckboxGroup
              id={id("environments")}
              legend="Environments"
              hint={type === "identity" ? "Of the identity." : "Of the server."}
              options={options(ENVIRONMENTS, ENVIRONMENT_LABELS)}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="riskTiers"
          render={({ field, fieldState }) => (
            <CheckboxGroup
              id={id("risk-tiers")}
              legend="Risk tiers"
              hint={type === "identity" ? "Of the identity." : "Of the server."}
              options={options(RISK_TIERS, RISK_LABELS)}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
            />
          )}
        />
        {type !== "identity" ? (
          <>
            <Controller
              control={control}
              name="toolTiers"
              render={({ field, fieldState }) => (
                <CheckboxGroup id={id("tool-tiers")} legend="Tool tiers" hint="e.g. only irreversible tools." options={options(TOOL_TIERS, TIER_LABELS)} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
              )}
            />
            <Controller
              control={control}
              name="serverIds"
              render={({ field, fieldState }) => <ServerFilter id={id("servers")} value={field.value} onChange={field.onChange} error={fieldState.error?.message} disabled={isSubmitting} />}
            />
          </>
        ) : null}
        <Controller
          control={control}
          name="ownerIds"
          render={({ field, fieldState }) => <OwnerFilter id={id("owners")} value={field.value} onChange={field.onChange} error={fieldState.error?.message} disabled={isSubmitting} />}
        />
        {type === "grant" ? (
          <Field label="Only grants unused for (days)" htmlFor={id("unused")} error={unusedError} hint={unusedHint}>
            <Input
              id={id("unused")}
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              className="max-w-40"
              invalid={Boolean(unusedError)}
              aria-describedby={describedBy(id("unused"), { error: unusedError, hint: unusedHint })}
              {...register("unusedForDays")}
            />
          </Field>
        ) : null}
        {type !== "tool" ? <CheckboxField id={id("toxic")} label="Only agents holding a toxic combination" hint={TOXIC_HINT} {...register("toxicCombinations")} /> : null}
      </Section>
    </>
  );
}
