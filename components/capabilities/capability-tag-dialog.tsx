"use client";
// "Define a capability tag" / "Edit {tag}": the tag id (only when creating: tools and policies refer to it), a name and a
// description. Validated with the server's schema; problems land on their fields and nothing typed is lost.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyMappedApiError, fieldMap } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ZCreateCapabilityTagInput, type TCapabilityTag, type TCreateCapabilityTagInput } from "@/lib/capabilities/schemas";
import { useCreateCapabilityTag } from "@/lib/query/capabilities/use-create-capability-tag";
import { useUpdateCapabilityTag } from "@/lib/query/capabilities/use-update-capability-tag";

type Values = TCreateCapabilityTagInput;
const fieldOf = fieldMap<Values>(["tag", "name", "description"]);

export function CapabilityTagDialog({ editing, onClose }: { editing: TCapabilityTag | null; onClose: () => void }) {
  const create = useCreateCapabilityTag();
  const update = useUpdateCapabilityTag();
  const { toast } = useToast();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(ZCreateCapabilityTagInput),
    defaultValues: { tag: editing?.tag ?? "", name: editing?.name ?? "", description: editing?.description ?? "" },
  });

  const onSubmit = async (values: Values) => {
    setProblem(null);
    try {
      if (editing) {
        await update.mutateAsync({ tag: editing.tag, input: { name: values.name, description: values.description } });
        toast({ title: "Capability tag saved", description: editing.tag, tone: "success" });
      } else {
        const created = await create.mutateAsync(values);
        toast({ title: "Capability tag defined", description: created.tag, tone: "success" });
      }
      onClose();
    } catch (thrown) {
      setProblem(applyMappedApiError(thrown, setError, fieldOf));
    }
  };

  const field = (name: keyof Values, hint?: string) => ({
    id: `capability-tag-${name}`,
    error: errors[name]?.message,
    hint,
    describedBy: describedBy(`capability-tag-${name}`, { error: errors[name]?.message, hint }),
  });
  const tag = field("tag", editing ? "The id never changes: tools and policies refer to it." : "2–40 lowercase letters, digits and hyphens, e.g. moves-money.");
  const name = field("name");
  const description = field("description", "What a tool with this tag can do, so owners tag consistently.");

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!isSubmitting}
      title={editing ? `Edit ${editing.tag}` : "Define a capability tag"}
      description="Capability tags say what a tool lets an agent do; toxic-combination policies are written in them."
    >
      <form noValidate aria-label={editing ? "Edit capability tag" : "Define a capability tag"} className="flex flex-col gap-4" onSubmit={handleSubmit(onSubmit)}>
        <ProblemAlert title="The tag was not saved" problem={problem} />
        <Field label="Tag" htmlFor={tag.id} error={tag.error} hint={tag.hint} required>
          <Input
            id={tag.id}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            readOnly={Boolean(editing)}
            invalid={Boolean(tag.error)}
            aria-describedby={tag.describedBy}
            data-autofocus={editing ? undefined : ""}
            {...register("tag")}
          />
        </Field>
        <Field label="Name" htmlFor={name.id} error={name.error} required>
          <Input id={name.id} maxLength={100} invalid={Boolean(name.error)} aria-describedby={name.describedBy} data-autofocus={editing ? "" : undefined} {...register("name")} />
        </Field>
        <Field label="Description" htmlFor={description.id} error={description.error} hint={description.hint} required>
          <Textarea id={description.id} rows={3} maxLength={1000} invalid={Boolean(description.error)} aria-describedby={description.describedBy} {...register("description")} />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {editing ? "Save" : "Define tag"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
