"use client";
// "Request access": an agent's owner asks for approved tools of one MCP server,
// with a justification and an optional duration. The server's owner decides;
// irreversible tools also need a second admin (said before sending). The
// API's problems land on the field or the tool they name ("toolIds.0").
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { ApprovedToolChecklist, grantableTools } from "@/components/grants/approved-tool-checklist";
import { IdentitySelect, type IdentityOption } from "@/components/grants/identity-select";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/query/api-fetch";
import { useCreateAccessRequest } from "@/lib/query/access-requests/use-create-access-request";
import { useTools } from "@/lib/query/catalog/use-tools";
import { useGrants } from "@/lib/query/grants/use-grants";

// the rules of ZCreateAccessRequestInput (lib/access-requests/schemas.ts) for the form's fields
const ZRequestForm = z.object({
  serverId: z.string().min(1, "Choose an MCP server"),
  toolIds: z.array(z.string()).min(1, "Choose at least one tool"),
  justification: z.string().trim().min(10, "Say why the agent needs this (at least 10 characters)").max(1000, "At most 1000 characters"),
  days: z.string().refine((value) => value === "" || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 3650), "A whole number of days from 1 to 3650, or empty"),
});
type FormIn = z.input<typeof ZRequestForm>;
type FormOut = z.output<typeof ZRequestForm>;

export function RequestAccessDialog({ agent, onClose }: { agent: IdentityOption; onClose: () => void }) {
  const { toast } = useToast();
  const create = useCreateAccessRequest();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [toolIssues, setToolIssues] = useState<Record<string, string>>({});
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(ZRequestForm), defaultValues: { serverId: "", toolIds: [], justification: "", days: "" } });
  const [serverId, toolIds] = useWatch({ control, name: ["serverId", "toolIds"] });
  const tools = useTools(serverId, { enabled: serverId !== "" });
  const approved = grantableTools(tools.data?.items);
  // tools the agent already holds cannot be asked for again (the API would refuse them)
  const held = useGrants({ agentId: agent.id, state: "active", limit: 100 });
  const heldBy = new Map<string, string>();
  for (const grant of held.data?.items ?? []) for (const tool of grant.tools) if (!tool.revokedAt) heldBy.set(tool.toolId, grant.id);
  const irreversible = approved.some((tool) => toolIds.includes(tool.id) && tool.tier === "irreversible");

  const setTools = (next: string[]) => {
    setToolIssues({});
    setValue("toolIds", next, { shouldDirty: true, shouldValidate: isSubmitted });
  };

  const onSubmit = async (values: FormOut) => {
    setProblem(null);
    setToolIssues({});
    try {
      const request = await create.mutateAsync({ agentId: agent.id, serverId: values.serverId, toolIds: values.toolIds, justification: values.justification, ...(values.days ? { grantDays: Number(values.days) } : {}) });
      onClose();
      toast({ title: "Access requested", description: `${request.server.name}'s owners decide${request.secondApprovalRequired ? ", then a second admin" : ""}${request.securityApprovalRequired ? ", then security" : ""}.`, tone: "success" });
    } catch (thrown) {
      if (!(thrown instanceof ApiError)) return setProblem({ message: "Something went wrong. Try again.", issues: [] });
      const perTool: Record<string, string> = {};
      const rest = thrown.issues.filter((issue) => {
        const index = /^toolIds\.(\d+)$/.exec(issue.path)?.[1];
        const toolId = index === undefined ? undefined : values.toolIds[Number(index)];
        if (toolId) perTool[toolId] = issue.message;
        else if (issue.path === "justification" || issue.path === "serverId") setError(issue.path, { type: "server", message: issue.message });
        else if (issue.path === "grantDays") setError("days", { type: "server", message: issue.message });
        else return true;
        return false;
      });
      setToolIssues(perTool);
      setProblem({ message: thrown.message, issues: rest });
    }
  };

  const toolsError = errors.toolIds?.message ?? errors.toolIds?.root?.message;
  const justificationHint = "At least 10 characters: say why the agent needs this access. The approvers see it.";
  const daysHint = "Optional. How long the grant lasts once approved; empty: until revoked.";
  return (
    <Dialog open onClose={onClose} dismissible={!isSubmitting} size="lg" title="Request access" description={`Ask for approved tools of one MCP server for ${agent.name}. The server's owner approves or denies.`}>
      <form noValidate aria-label="Request access" className="flex flex-col gap-4" onSubmit={handleSubmit(onSubmit)}>
        <ProblemAlert title="The request was not sent" problem={problem} />
        <Controller
          control={control}
          name="serverId"
          render={({ field }) => (
            <IdentitySelect
              kind="server"
              id="request-server"
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
        <fieldset className="space-y-2" aria-describedby={toolsError ? "request-tools-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Tools</legend>
          <ApprovedToolChecklist
            idPrefix="request-tool"
            serverChosen={serverId !== ""}
            loading={tools.isPending}
            loadError={tools.error ? tools.error.message : null}
            tools={approved}
            selected={toolIds}
            onChange={setTools}
            disabled={isSubmitting}
            issues={toolIssues}
            heldBy={heldBy}
            emptyText="This server has no approved tools yet."
          />
          {irreversible ? <p className="text-xs font-medium text-amber-800">Irreversible tools need a second approval by an admin after the server&apos;s owner.</p> : null}
          {toolsError ? (
            <p id="request-tools-error" role="alert" className="text-xs font-medium text-red-700">
              {toolsError}
            </p>
          ) : null}
        </fieldset>
        <Field label="Justification" htmlFor="request-justification" error={errors.justification?.message} hint={justificationHint} required>
          <Textarea id="request-justification" rows={3} maxLength={1000} invalid={Boolean(errors.justification)} aria-describedby={describedBy("request-justification", { error: errors.justification?.message, hint: justificationHint })} {...register("justification")} />
        </Field>
        <Field label="Duration (days)" htmlFor="request-days" error={errors.days?.message} hint={daysHint}>
          <Input id="request-days" inputMode="numeric" className="w-32" invalid={Boolean(errors.days)} aria-describedby={describedBy("request-days", { error: errors.days?.message, hint: daysHint })} {...register("days")} />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Send request
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
