"use client";
// Approve or deny one step of an access request, with a comment: required to
// deny and for the security step (a recorded justification). A refusal from
// the server (someone decided first, the request expired, a toxic combination
// appeared) is shown in the dialog; nothing typed is lost.
import { useState } from "react";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import type { TAccessRequest } from "@/lib/access-requests/schemas";
import { ApiError } from "@/lib/query/api-fetch";
import { useDecideAccessRequest } from "@/lib/query/access-requests/use-decide-access-request";

export const STEP_LABELS: Record<string, string> = { owner: "Server owner", admin: "Second admin", security: "Security" };

export function DecideDialog({ request, decision, onClose }: { request: TAccessRequest; decision: "approve" | "deny"; onClose: () => void }) {
  const decide = useDecideAccessRequest();
  const { toast } = useToast();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const step = request.nextStep!;
  const commentRequired = decision === "deny" || step === "security";
  const id = `decide-${request.id}`;
  const hint = decision === "deny" ? "Why the request is denied; the requester sees it." : step === "security" ? "Why this combination of tools is acceptable; recorded in the audit log." : "Optional; recorded with the decision and in the audit log.";
  const what = `${request.agent.name} on ${request.server.name}: ${request.tools.map((tool) => tool.name).join(", ")}`;

  const submit = async () => {
    setProblem(null);
    const text = comment.trim();
    if (commentRequired && text.length < 3) return setError(decision === "deny" ? "Say why the request is denied (at least 3 characters)" : "Give a justification of at least 3 characters");
    if (text.length > 0 && text.length < 3) return setError("At least 3 characters, or leave it empty");
    setError(undefined);
    try {
      const result = await decide.mutateAsync({ requestId: request.id, input: { step, decision, ...(text ? { comment: text } : {}) } });
      onClose();
      const title = result.status === "approved" ? "Approved: access granted" : result.status === "denied" ? "Request denied" : `Step approved; waiting for the ${STEP_LABELS[result.nextStep ?? ""]?.toLowerCase() ?? "next"} approval`;
      toast({ title, description: what, tone: result.status === "denied" ? "info" : "success" });
    } catch (thrown) {
      if (!(thrown instanceof ApiError)) return setProblem({ message: "Something went wrong. Try again.", issues: [] });
      const onComment = thrown.issues.find((issue) => issue.path === "comment");
      if (onComment) setError(onComment.message);
      setProblem({ message: thrown.message, issues: thrown.issues.filter((issue) => issue.path !== "comment") });
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!decide.isPending}
      title={`${decision === "approve" ? "Approve" : "Deny"} — ${STEP_LABELS[step]} step`}
      description={decision === "approve" && request.steps.filter((item) => item.state === "waiting").length === 0 ? `${what}. This is the last step: the agent gets the access at once.` : what}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={decide.isPending}>
            Cancel
          </Button>
          <Button variant={decision === "deny" ? "danger" : "primary"} loading={decide.isPending} onClick={() => void submit()}>
            {decision === "approve" ? "Approve" : "Deny"}
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ProblemAlert title="The decision was not recorded" problem={problem} />
        <Field label={decision === "deny" ? "Reason" : "Comment"} htmlFor={`${id}-comment`} error={error} hint={hint} required={commentRequired}>
          <Textarea id={`${id}-comment`} rows={3} maxLength={1000} value={comment} onChange={(event) => setComment(event.target.value)} invalid={Boolean(error)} aria-describedby={describedBy(`${id}-comment`, { error, hint })} />
        </Field>
      </form>
    </Dialog>
  );
}
