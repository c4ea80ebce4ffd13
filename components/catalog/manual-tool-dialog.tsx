"use client";
// "Add tool manually": one tool's name, title, description, input schema and behaviour hints, proposed for
// merging into the catalog (nothing is removed). The tier the hints suggest is shown as they change.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { ProposedTierBadge } from "@/components/catalog/tier-badge";
import { proposedTierOf } from "@/components/catalog/tiers";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { applyMappedApiError, fieldMap } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { TProposal } from "@/lib/catalog/schemas";
import { ZToolName } from "@/lib/catalog/tool-name";
import { parseJsonText } from "@/lib/identities/import/parse-server-json";
import type { TIdentity } from "@/lib/identities/schemas";
import { useCreateProposal } from "@/lib/query/catalog/use-create-proposal";

const ZManualTool = z.object({
  name: z.string().trim().pipe(ZToolName),
  title: z.string().trim().max(200, "At most 200 characters"),
  description: z.string().trim().max(10_000, "At most 10,000 characters"),
  inputSchema: z.string().transform((text, ctx) => {
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.line !== null ? `Line ${parsed.line}, column ${parsed.column}: ${parsed.message}` : parsed.message });
      return z.NEVER;
    }
    if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) {
      ctx.addIssue({ code: "custom", message: 'An input schema is a JSON object, e.g. {"type": "object"}' });
      return z.NEVER;
    }
    return parsed.value as Record<string, unknown>;
  }),
  readOnlyHint: z.boolean(),
  destructiveHint: z.boolean(),
  idempotentHint: z.boolean(),
  openWorldHint: z.boolean(),
});
type ManualIn = z.input<typeof ZManualTool>;
type ManualOut = z.output<typeof ZManualTool>;

// the API names problems by the tool's place in the list ("tools.0.name")
const byField = fieldMap<ManualIn>(["name", "title", "description", "inputSchema"]);
const fieldOf = (path: string) => byField(path.replace(/^tools\.0\.?/, ""));

const HINTS: { name: "readOnlyHint" | "destructiveHint" | "idempotentHint" | "openWorldHint"; hint: string }[] = [
  { name: "readOnlyHint", hint: "It does not change anything." },
  { name: "destructiveHint", hint: "It may delete or overwrite (when not read-only)." },
  { name: "idempotentHint", hint: "Repeating a call with the same arguments changes nothing more." },
  { name: "openWorldHint", hint: "It reaches outside systems (the web, other services)." },
];

export function ManualToolDialog({ identity, onClose, onProposal }: { identity: TIdentity; onClose: () => void; onProposal: (proposal: TProposal) => void }) {
  const create = useCreateProposal(identity.id);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<ManualIn, unknown, ManualOut>({
    resolver: zodResolver(ZManualTool),
    // MCP's defaults: a tool may be destructive and reaches an open world unless it says otherwise
    defaultValues: { name: "", title: "", description: "", inputSchema: '{"type":"object"}', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  });
  const [readOnlyHint, destructiveHint] = useWatch({ control, name: ["readOnlyHint", "destructiveHint"] });
  const proposed = proposedTierOf({ readOnlyHint, destructiveHint });

  const onSubmit = async (values: ManualOut) => {
    setProblem(null);
    try {
      const proposal = await create.mutateAsync({
        source: "manual",
        tools: [
          {
            name: values.name,
            ...(values.title ? { title: values.title } : {}),
            ...(values.description ? { description: values.description } : {}),
            inputSchema: values.inputSchema,
            annotations: { readOnlyHint: values.readOnlyHint, destructiveHint: values.destructiveHint, idempotentHint: values.idempotentHint, openWorldHint: values.openWorldHint },
          },
        ],
      });
      onProposal(proposal);
    } catch (thrown) {
      setProblem(applyMappedApiError(thrown, setError, fieldOf));
    }
  };

  const text = (field: "name" | "title" | "description" | "inputSchema", hint?: string) => ({
    id: `manual-tool-${field}`,
    error: errors[field]?.message,
    hint,
    describedBy: describedBy(`manual-tool-${field}`, { error: errors[field]?.message, hint }),
  });
  const name = text("name", "Exactly as the server names it: letters, digits and _ - . / (up to 128).");
  const title = text("title");
  const description = text("description", "What agents are told the tool does; a later change to it is drift.");
  const schema = text("inputSchema", "JSON Schema of the tool's arguments.");

  return (
    <Dialog open onClose={onClose} dismissible={!isSubmitting} size="lg" title="Add tool manually" description="Propose one tool. It is merged into the catalog when you apply the proposal, and stays denied until its tier is approved.">
      <form noValidate aria-label="Add tool manually" className="flex flex-col gap-4" onSubmit={handleSubmit(onSubmit)}>
        <ProblemAlert title="The tool was not proposed" problem={problem} />
        <Field label="Name" htmlFor={name.id} error={name.error} hint={name.hint} required>
          <Input id={name.id} className="font-mono" autoComplete="off" spellCheck={false} maxLength={128} invalid={Boolean(name.error)} aria-describedby={name.describedBy} data-autofocus="" {...register("name")} />
        </Field>
        <Field label="Title" htmlFor={title.id} error={title.error}>
          <Input id={title.id} maxLength={200} invalid={Boolean(title.error)} aria-describedby={title.describedBy} {...register("title")} />
        </Field>
        <Field label="Description" htmlFor={description.id} error={description.error} hint={description.hint}>
          <Textarea id={description.id} rows={3} maxLength={10_000} invalid={Boolean(description.error)} aria-describedby={description.describedBy} {...register("description")} />
        </Field>
        <Field label="Input schema" htmlFor={schema.id} error={schema.error} hint={schema.hint} required>
          <Textarea id={schema.id} rows={5} spellCheck={false} className="font-mono text-xs" invalid={Boolean(schema.error)} aria-describedby={schema.describedBy} {...register("inputSchema")} />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Behaviour hints (annotations)</legend>
          {HINTS.map((item) => (
            <CheckboxField key={item.name} id={`manual-tool-${item.name}`} label={item.name} hint={item.hint} {...register(item.name)} />
          ))}
          <p className="flex items-center gap-2 text-xs text-slate-600" aria-live="polite">
            Warden will propose <ProposedTierBadge tier={proposed} />
          </p>
        </fieldset>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Propose tool
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
