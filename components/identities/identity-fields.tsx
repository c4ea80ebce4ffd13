"use client";
// The registry form's fields, shared by "Register …" and "Edit": common fields, then the kind's own.
import { Controller, type UseFormReturn } from "react-hook-form";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { ClientAuthFields } from "@/components/identities/client-auth-fields";
import type { IdentityFormValues } from "@/components/identities/identity-form-values";
import { ENVIRONMENT_LABELS, RISK_LABELS, TRANSPORT_LABELS } from "@/components/identities/identity-labels";
import { PeoplePicker } from "@/components/identities/people-picker";
import { ServerPicker } from "@/components/identities/server-picker";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ENVIRONMENTS, RISK_TIERS, SERVER_TRANSPORTS, type IdentityKind } from "@/lib/identities/kinds";
import type { DirectoryUser } from "@/lib/query/identities/use-directory-users";

const HINTS = {
  slug: "A unique short name; derived from the name when empty.",
  environment: "Development identities may be approved automatically; staging and production ones wait for an admin.",
  fixedOwner: "You register identities that you own.",
  owner: "The person accountable for this identity: an active user.",
  backupOwner: "Optional: someone who can act when the owner cannot.",
  tags: "Comma-separated, e.g. team:payments, pci",
  riskTier: "Admins only; medium when not set.",
  resourceUri: "The RFC 8707 resource indicator: https://… (http only for localhost), no #fragment.",
  sourceRepository: "Optional: the https URL of the source code.",
  registryName: "Optional: the name in the MCP Registry, e.g. io.github.acme/weather.",
  tokenLifetime: "60–3600 seconds; 300 by default.",
  audienceUri: "The token audience of the downstream API: an https URL (http only for localhost) or a URN.",
  frontsAll: "The gateway may front any MCP server, including ones registered later.",
} as const;

type Person = DirectoryUser;

export function IdentityFields({
  form,
  kind,
  mode,
  idPrefix,
  canManageAny,
  currentUser,
  owner,
  backupOwner,
}: {
  form: UseFormReturn<IdentityFormValues>;
  kind: IdentityKind;
  mode: "register" | "edit";
  idPrefix: string;
  canManageAny: boolean;
  /** register: the signed-in user, the owner when they may not choose another */
  currentUser?: Person;
  /** edit: the current owner (the backup must be someone else) */
  owner?: Person;
  backupOwner?: Person | null;
}) {
  const {
    register,
    control,
    watch,
    formState: { errors, isSubmitting },
  } = form;
  const id = (name: string) => `${idPrefix}-${name}`;
  const text = (name: keyof IdentityFormValues, label: string, options: { hint?: string; required?: boolean; placeholder?: string; mono?: boolean; type?: string } = {}) => {
    const error = errors[name]?.message;
    return (
      <Field label={label} htmlFor={id(name)} error={error} hint={options.hint} required={options.required}>
        <Input
          id={id(name)}
          type={options.type ?? "text"}
          autoComplete="off"
          spellCheck={options.mono ? false : undefined}
          placeholder={options.placeholder}
          className={options.mono ? "font-mono" : undefined}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id(name), { error, hint: options.hint })}
          {...register(name)}
        />
      </Field>
    );
  };
  const descriptionError = errors.description?.message;
  const environmentError = errors.environment?.message;
  const riskError = errors.riskTier?.message;
  const transportError = errors.transport?.message;
  const lifetimeError = errors.tokenLifetimeSeconds?.message;
  const ownerId = watch("ownerId");
  const frontsAll = watch("frontsAllServers");

  return (
    <>
      {text("name", "Name", { required: true })}
      {mode === "register" ? text("slug", "Slug", { hint: HINTS.slug, placeholder: "e.g. billing-mcp", mono: true }) : null}
      <Field label="Description" htmlFor={id("description")} error={descriptionError}>
        <Textarea id={id("description")} invalid={Boolean(descriptionError)} aria-describedby={describedBy(id("description"), { error: descriptionError })} {...register("description")} />
      </Field>
      <Field label="Environment" htmlFor={id("environment")} error={environmentError} hint={HINTS.environment} required>
        <Select id={id("environment")} invalid={Boolean(environmentError)} aria-describedby={describedBy(id("environment"), { error: environmentError, hint: HINTS.environment })} {...register("environment")}>
          {ENVIRONMENTS.map((value) => (
            <option key={value} value={value}>
              {ENVIRONMENT_LABELS[value]}
            </option>
          ))}
        </Select>
      </Field>
      {mode === "register" ? (
        canManageAny ? (
          <Controller
            control={control}
            name="ownerId"
            render={({ field, fieldState }) => (
              <PeoplePicker
                id={id("owner")}
                label="Owner"
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                selected={currentUser}
                placeholder="Choose the owner"
                error={fieldState.error?.message}
                hint={HINTS.owner}
                required
                disabled={isSubmitting}
              />
            )}
          />
        ) : (
          <Field label="Owner" htmlFor={id("owner")} error={errors.ownerId?.message} hint={HINTS.fixedOwner}>
            <Input
              id={id("owner")}
              readOnly
              value={currentUser ? `${currentUser.name} (${currentUser.email})` : ""}
              invalid={Boolean(errors.ownerId)}
              aria-describedby={describedBy(id("owner"), { error: errors.ownerId?.message, hint: HINTS.fixedOwner })}
            />
          </Field>
        )
      ) : null}
      <Controller
        control={control}
        name="backupOwnerId"
        render={({ field, fieldState }) => (
          <PeoplePicker
            id={id("backup-owner")}
            label="Backup owner"
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            selected={backupOwner ?? null}
            extraOptions={[{ value: "", label: "No backup owner" }]}
            excludeId={mode === "edit" ? owner?.id : ownerId}
            error={fieldState.error?.message}
            hint={HINTS.backupOwner}
            disabled={isSubmitting}
          />
        )}
      />
      {text("tagsText", "Tags", { hint: HINTS.tags, placeholder: "team:payments, pci" })}
      {canManageAny ? (
        <Field label="Risk tier" htmlFor={id("risk-tier")} error={riskError} hint={mode === "register" ? HINTS.riskTier : undefined}>
          <Select id={id("risk-tier")} invalid={Boolean(riskError)} aria-describedby={describedBy(id("risk-tier"), { error: riskError, hint: mode === "register" ? HINTS.riskTier : undefined })} {...register("riskTier")}>
            {mode === "register" ? <option value="">Default (medium)</option> : null}
            {RISK_TIERS.map((value) => (
              <option key={value} value={value}>
                {RISK_LABELS[value]}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}

      {kind === "server" ? (
        <>
          {text("resourceUri", "Resource URI", { hint: HINTS.resourceUri, required: true, placeholder: "https://mcp.example.com/mcp", mono: true, type: "url" })}
          <Field label="Transport" htmlFor={id("transport")} error={transportError} required>
            <Select id={id("transport")} invalid={Boolean(transportError)} aria-describedby={describedBy(id("transport"), { error: transportError })} {...register("transport")}>
              {SERVER_TRANSPORTS.map((value) => (
                <option key={value} value={value}>
                  {TRANSPORT_LABELS[value]}
                </option>
              ))}
            </Select>
          </Field>
          {text("sourceRepository", "Source repository", { hint: HINTS.sourceRepository, placeholder: "https://github.com/acme/billing-mcp", mono: true, type: "url" })}
          {text("registryName", "MCP Registry name", { hint: HINTS.registryName, placeholder: "io.github.acme/billing", mono: true })}
        </>
      ) : null}
      {kind === "agent" ? (
        <>
          <Field label="Token lifetime (seconds)" htmlFor={id("token-lifetime")} error={lifetimeError} hint={HINTS.tokenLifetime}>
            <Input
              id={id("token-lifetime")}
              type="number"
              inputMode="numeric"
              min={60}
              max={3600}
              step={1}
              className="w-40"
              invalid={Boolean(lifetimeError)}
              aria-describedby={describedBy(id("token-lifetime"), { error: lifetimeError, hint: HINTS.tokenLifetime })}
              {...register("tokenLifetimeSeconds")}
            />
          </Field>
        </>
      ) : null}
      {kind === "resource" ? text("audienceUri", "Audience URI", { hint: HINTS.audienceUri, required: true, placeholder: "https://api.example.com", mono: true }) : null}
      {kind === "gateway" ? (
        <>
          <CheckboxField id={id("fronts-all")} label="Fronts every server" hint={HINTS.frontsAll} {...register("frontsAllServers")} />
          {frontsAll ? null : (
            <Controller
              control={control}
              name="serverIds"
              render={({ field, fieldState }) => <ServerPicker id={id("servers")} value={field.value} onChange={field.onChange} error={fieldState.error?.message} disabled={isSubmitting} />}
            />
          )}
        </>
      ) : null}
      <ClientAuthFields form={form} kind={kind} idPrefix={idPrefix} />
    </>
  );
}
