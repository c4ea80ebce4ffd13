"use client";
// The registry form's OAuth client fields: how the identity authenticates
// (RFC 7591 token_endpoint_auth_method, with the certificate subject for
// tls_client_auth) and, for agents, how its tokens are bound and whether its
// keys must be hardware-bound. The server checks them together
// (lib/identities/client-auth-settings.ts) and its problems land here.
import type { UseFormReturn } from "react-hook-form";
import { CheckboxField } from "@/components/identities/checkbox-field";
import type { IdentityFormValues } from "@/components/identities/identity-form-values";
import { AUTH_METHOD_LABELS, TLS_FIELD_LABELS, TOKEN_BINDING_LABELS } from "@/components/identities/identity-labels";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CLIENT_AUTH_METHODS, TLS_SUBJECT_FIELDS, TOKEN_BINDINGS } from "@/lib/identities/schemas";
import type { IdentityKind } from "@/lib/identities/kinds";

const HINTS = {
  authMethod: "How it proves who it is at Warden's token endpoint. Certificates come through Warden's TLS-terminating proxy.",
  tls: "The certificate must be issued by a CA Warden trusts and hold this value, e.g. CN=billing-agent,O=Acme.",
  tokenBinding: "Tokens are usable only with the agent's DPoP key or client certificate. Unbound tokens are flagged as a risk.",
  hardware: "Only keys attested as hardware-bound by a trusted attester may authenticate this agent.",
} as const;

export function ClientAuthFields({ form, kind, idPrefix }: { form: UseFormReturn<IdentityFormValues>; kind: IdentityKind; idPrefix: string }) {
  const {
    register,
    watch,
    formState: { errors },
  } = form;
  const id = (name: string) => `${idPrefix}-${name}`;
  const method = watch("authMethod");
  const methods = CLIENT_AUTH_METHODS.filter((value) => kind === "agent" || value !== "attest_jwt_client_auth");
  const methodError = errors.authMethod?.message;
  const tlsError = errors.tlsValue?.message ?? errors.tlsField?.message;
  const bindingError = errors.tokenBinding?.message;
  return (
    <>
      <Field label="Client authentication" htmlFor={id("auth-method")} error={methodError} hint={HINTS.authMethod}>
        <Select id={id("auth-method")} invalid={Boolean(methodError)} aria-describedby={describedBy(id("auth-method"), { error: methodError, hint: HINTS.authMethod })} {...register("authMethod")}>
          {methods.map((value) => (
            <option key={value} value={value}>
              {AUTH_METHOD_LABELS[value]}
            </option>
          ))}
        </Select>
      </Field>
      {method === "tls_client_auth" ? (
        <Field label="Certificate must hold" htmlFor={id("tls-value")} error={tlsError} hint={HINTS.tls} required>
          <div className="flex flex-wrap gap-2">
            <Select id={id("tls-field")} aria-label="Certificate field" className="w-48" {...register("tlsField")}>
              {TLS_SUBJECT_FIELDS.map((value) => (
                <option key={value} value={value}>
                  {TLS_FIELD_LABELS[value]}
                </option>
              ))}
            </Select>
            <Input id={id("tls-value")} className="min-w-0 flex-1 font-mono" autoComplete="off" spellCheck={false} invalid={Boolean(tlsError)} aria-describedby={describedBy(id("tls-value"), { error: tlsError, hint: HINTS.tls })} {...register("tlsValue")} />
          </div>
        </Field>
      ) : null}
      {kind === "agent" ? (
        <>
          <Field label="Token binding" htmlFor={id("token-binding")} error={bindingError} hint={HINTS.tokenBinding}>
            <Select id={id("token-binding")} invalid={Boolean(bindingError)} aria-describedby={describedBy(id("token-binding"), { error: bindingError, hint: HINTS.tokenBinding })} {...register("tokenBinding")}>
              {TOKEN_BINDINGS.map((value) => (
                <option key={value} value={value}>
                  {TOKEN_BINDING_LABELS[value]}
                </option>
              ))}
            </Select>
          </Field>
          <CheckboxField id={id("hardware-keys")} label="Require hardware-bound keys" hint={HINTS.hardware} {...register("hardwareKeysRequired")} />
        </>
      ) : null}
    </>
  );
}
