"use client";
// "Grant access": an agent (fixed when opened from its page), an MCP server, then that server's approved tools
// with their tiers, a justification and an optional expiry (admins). The API's problems land on the field or
// the tool they name ("toolIds.0", "justification").
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm, useWatch, type Path } from "react-hook-form";
import { z } from "zod";
import { ApprovedToolChecklist, grantableTools } from "@/components/grants/approved-tool-checklist";
import { IdentitySelect, type IdentityOption } from "@/components/grants/identity-select";
import { fieldMap } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import type { ToolTier } from "@/lib/catalog/classify";
import { ApiError, type ProblemIssue } from "@/lib/query/api-fetch";
import { useTools } from "@/lib/query/catalog/use-tools";
import { isPendingRequest, useCreateGrant } from "@/lib/query/grants/use-create-grant";
import { useGrants } from "@/lib/query/grants/use-grants";

/** A date input's day, as the instant access ends: the end of that day, UTC. */
const endOfDay = (day: string) => `${day}T23:59:59Z`;

// the rules of ZCreateGrantInput (lib/grants/schemas.ts, which client code cannot import) for the form's fields
const ZGrantForm = z.object({
  agentId: z.string().min(1, "Choose an agent"),
  serverId: z.string().min(1, "Choose an MCP server"),
  toolIds: z.array(z.string()).min(1, "Choose at least one approved tool"),
  justification: z.string().trim().min(10, "Say why the agent needs this (at least 10 characters)").max(1000, "At most 1000 characters"),
  expires: z.string().refine((day) => day === "" || new Date(endOfDay(day)).getTime() > Date.now(), "Choose a day in the future"),
});
type GrantIn = z.input<typeof ZGrantForm>;
type GrantOut = z.output<typeof ZGrantForm>;

const fieldOf = fieldMap<GrantIn>(["agentId", "serverId", "toolIds", "justification"], { expiresAt: "expires", shortcut: "toolIds" });

const SHORTCUTS: { label: string; tiers: ToolTier[] }[] = [
  { label: "All read tools", tiers: ["read"] },
  { label: "All read and write tools", tiers: ["read", "write"] },
];

export function GrantDialog({ agent, initialAgentId = "", initialServerId = "", onClose }: { agent?: IdentityOption; initialAgentId?: string; initialServerId?: string; onClose: () => void }) {
  const { toast } = useToast();
  const create = useCreateGrant();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [toolIssues, setToolIssues] = useState<Record<string, string>>({});
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<GrantIn, unknown, GrantOut>({
    resolver: zodResolver(ZGrantForm),
    defaultValues: { agentId: agent?.id ?? initialAgentId, serverId: initialServerId, toolIds: [], justification: "", expires: "" },
  });
  const [agentId, serverId, toolIds] = useWatch({ control, name: ["agentId", "serverId", "toolIds"] });
  const tools = useTools(serverId, { enabled: serverId !== "" });
  const approved = grantableTools(tools.data?.items);
  const notApproved = (tools.data?.items.length ?? 0) - approved.length;
  const held = useGrants({ agentId, state: "active", limit: 100 }, { enabled: agentId !== "" });
  const heldBy = new Map<string, string>();
  for (const grant of held.data?.items ?? []) for (const tool of grant.tools) if (!tool.revokedAt) heldBy.set(tool.toolId, grant.id);

  function setTools(next: string[]) {
    setToolIssues({});
    setValue("toolIds", next, { shouldDirty: true, shouldValidate: isSubmitted });
  }

  /** Puts each problem on its tool or field; what is left (and the message) goes to the Alert. */
  function placeProblems(thrown: unknown, submitted: string[]): FormProblem {
    if (!(thrown instanceof ApiError)) return { message: "Something went wrong. Try again.", issues: [] };
    const perTool: Record<string, string> = {};
    const perField = new Map<Path<GrantIn>, string[]>();
    const unplaced: ProblemIssue[] = [];
    for (const issue of thrown.issues) {
      const index = /^toolIds\.(\d+)$/.exec(issue.path)?.[1];
      const toolId = index === undefined ? undefined : submitted[Number(index)];
      const field = fieldOf(issue.path);
      if (toolId) perTool[toolId] = issue.message;
      else if (field) perField.set(field, [...(perField.get(field) ?? []), issue.message]);
      else unplaced.push(issue);
    }
    setToolIssues(perTool);
    for (const [field, messages] of perField) setError(field, { type: "server", message: messages.join("; ") });
    return { message: thrown.message, issues: unplaced };
  }

  const onSubmit = async (values: GrantOut) => {
    setProblem(null);
    setToolIssues({});
    try {
      const result = await create.mutateAsync({
        agentId: values.agentId,
        serverId: values.serverId,
        toolIds: values.toolIds,
        justification: values.justification,
        ...(values.expires ? { expiresAt: endOfDay(values.expires) } : {}),
      });
      onClose();
      if (isPendingRequest(result)) {
        // four eyes: irreversible tools (or a toxic combination) wait for another admin in Access requests
        const waitsFor = result.nextStep === "security" ? "a security approval" : "a second admin's approval";
        toast({ title: "Waiting for approval", description: `${result.agent.name} on ${result.server.name}: nothing is granted until ${waitsFor} in Access requests.`, tone: "info" });
      } else {
        toast({ title: "Access granted", description: `${result.agent.name}: ${result.tools.length === 1 ? "1 tool" : `${result.tools.length} tools`} on ${result.server.name}.`, tone: "success" });
      }
    } catch (thrown) {
      setProblem(placeProblems(thrown, values.toolIds));
    }
  };

  const justificationError = errors.justification?.message;
  const justificationHint = "At least 10 characters: say why the agent needs this access. Recorded with the grant and in the audit log.";
  const expiresError = errors.expires?.message;
  const expiresHint = "Optional. Access ends at the end of this day (UTC); leave empty for no expiry.";
  const toolsError = errors.toolIds?.message ?? errors.toolIds?.root?.message;

  const pick = (tiers: ToolTier[]) => setTools(approved.filter((tool) => tool.tier && tiers.includes(tool.tier) && !heldBy.has(tool.id)).map((tool) => tool.id));

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!isSubmitting}
      size="lg"
      title="Grant access"
      description="An agent gets approved tools of one server. Tools the server adds later are never granted implicitly."
    >
      <form noValidate aria-label="Grant access" className="flex flex-col gap-4" onSubmit={handleSubmit(onSubmit)}>
        <ProblemAlert title="Access was not granted" problem={problem} />
        {agent ? (
          <Field label="Agent" htmlFor="grant-agent-fixed">
            <Input id="grant-agent-fixed" readOnly value={agent.slug ? `${agent.name} (${agent.slug})` : agent.name} />
          </Field>
        ) : (
          <Controller
            control={control}
            name="agentId"
            render={({ field }) => (
              <IdentitySelect kind="agent" id="grant-agent" label="Agent" placeholder="Choose an agent" value={field.value} onChange={(value) => field.onChange(value)} error={errors.agentId?.message} required disabled={isSubmitting} />
            )}
          />
        )}
        <Controller
          control={control}
          name="serverId"
          render={({ field }) => (
            <IdentitySelect
              kind="server"
              id="grant-server"
              label="MCP server"
              placeholder="Choose an MCP server"
              value={field.value}
              onChange={(value) => {
                field.onChange(value);
                setTools([]);
              }}
              error={errors.serverId?.message}
              required
              disabled={isSubmitting}
            />
          )}
        />
        <fieldset className="space-y-2" aria-describedby={toolsError ? "grant-tools-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">
            Tools
            <span aria-hidden="true" className="ml-0.5 text-red-600">
              *
            </span>
            <span className="sr-only"> (required)</span>
          </legend>
          {approved.length > 0 ? (
            <div className="flex flex-wrap items-center gap-2">
              {SHORTCUTS.map((shortcut) => (
                <Button key={shortcut.label} variant="secondary" size="sm" disabled={isSubmitting} onClick={() => pick(shortcut.tiers)}>
                  {shortcut.label}
                </Button>
              ))}
              {toolIds.length > 0 ? (
                <Button variant="ghost" size="sm" disabled={isSubmitting} onClick={() => setTools([])}>
                  Clear selection
                </Button>
              ) : null}
              <span className="text-xs text-slate-600" aria-live="polite">
                {toolIds.length === 1 ? "1 tool chosen" : `${toolIds.length} tools chosen`}
              </span>
            </div>
          ) : null}
          <ApprovedToolChecklist
            idPrefix="grant-tool"
            serverChosen={serverId !== ""}
            loading={tools.isPending}
            loadError={tools.error ? tools.error.message : null}
            tools={approved}
            selected={toolIds}
            onChange={setTools}
            disabled={isSubmitting}
            issues={toolIssues}
            heldBy={heldBy}
            irreversibleNote="Irreversible: the agent can make changes that cannot be undone. A second admin confirms the grant."
            emptyText="This server has no approved tools yet. Its owners approve tools on the server's page."
          />
          {notApproved > 0 ? <p className="text-xs text-slate-500">{notApproved === 1 ? "1 tool is" : `${notApproved} tools are`} not approved (or disabled) and cannot be granted.</p> : null}
          {toolsError ? (
            <p id="grant-tools-error" role="alert" className="text-xs font-medium text-red-700">
              {toolsError}
            </p>
          ) : null}
        </fieldset>
        <Field label="Justification" htmlFor="grant-justification" error={justificationError} hint={justificationHint} required>
          <Textarea
            id="grant-justification"
            rows={3}
            maxLength={1000}
            invalid={Boolean(justificationError)}
            aria-describedby={describedBy("grant-justification", { error: justificationError, hint: justificationHint })}
            {...register("justification")}
          />
        </Field>
        <Field label="Expires" htmlFor="grant-expires" error={expiresError} hint={expiresHint}>
          <Input id="grant-expires" type="date" min={today} className="w-48" invalid={Boolean(expiresError)} aria-describedby={describedBy("grant-expires", { error: expiresError, hint: expiresHint })} {...register("expires")} />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Grant
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
