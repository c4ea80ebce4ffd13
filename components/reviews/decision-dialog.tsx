"use client";
// One dialog for every decision that needs more than a click: revoke (comment),
// certify irreversible access (comment), modify (a grant's earlier expiry, a
// tool's new tier, an identity's new owner — and a comment) and reassign (the
// new reviewer and why). The server's field problems land on the fields;
// nothing typed is lost when a decision is refused.
import { useState } from "react";
import { PeoplePicker } from "@/components/identities/people-picker";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { itemTitle } from "@/components/reviews/item-title";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { TOOL_TIERS } from "@/lib/catalog/tiers";
import type { TDecideItemInput, TReviewItem } from "@/lib/campaigns/schemas";
import { ApiError } from "@/lib/query/api-fetch";

const EXPIRY_HINT = "The end of that day, your time.";
const COMMENT_HINT = "Recorded with the decision and in the audit log.";

export type DialogDecision = "certify" | "revoke" | "modify" | "reassign";

const TITLES: Record<DialogDecision, string> = { certify: "Certify irreversible access", revoke: "Revoke access", modify: "Modify", reassign: "Reassign to another reviewer" };

function describe(item: TReviewItem, decision: DialogDecision): string {
  const what = itemTitle(item);
  if (decision === "revoke") return item.targetType === "identity" ? `${what} is revoked at once: its keys stop working and it is gone from the next policy bundle.` : `${what} is revoked at once and gone from the next policy bundle.`;
  if (decision === "certify") return `${what} can take actions that cannot be undone: say why it should keep them.`;
  if (decision === "reassign") return `${what} moves to another reviewer's inbox. They cannot pass it back to you.`;
  if (item.targetType === "grant_tool") return `${what} is kept, but the grant ends earlier (it is never extended here).`;
  if (item.targetType === "tool") return `${what} is kept with another tier; grants that need step-up for that tier follow it.`;
  return `${what} is kept with another primary owner, who answers for it from now on.`;
}

export function DecisionDialog({ item, decision, busy, onSubmit, onClose }: { item: TReviewItem; decision: DialogDecision; busy: boolean; onSubmit: (input: TDecideItemInput) => Promise<void>; onClose: () => void }) {
  const [comment, setComment] = useState("");
  const [expiresAt, setExpiresAt] = useState("");
  // tomorrow, fixed when the dialog opens (the earliest end a date picker offers)
  const [tomorrow] = useState(() => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
  const [tier, setTier] = useState("");
  const [person, setPerson] = useState("");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const id = `decision-${item.id}`;

  const local = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (comment.trim().length < 3) found.comment = "Give a comment of at least 3 characters";
    if (decision === "modify" && item.targetType === "grant_tool" && !expiresAt) found.expiresAt = "Choose when the access ends";
    if (decision === "modify" && item.targetType === "tool" && !tier) found.tier = "Choose the new tier";
    if ((decision === "reassign" || (decision === "modify" && item.targetType === "identity")) && !person) found.person = "Choose a person";
    return found;
  };

  const submit = async () => {
    const found = local();
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length) return;
    const base = { comment: comment.trim(), version: item.version };
    let input: TDecideItemInput;
    if (decision === "reassign") input = { decision, reviewerId: person, ...base };
    else if (decision === "modify") {
      input =
        item.targetType === "grant_tool"
          ? { decision, expiresAt: new Date(`${expiresAt}T23:59:59`).toISOString(), ...base }
          : item.targetType === "tool"
            ? { decision, tier: tier as (typeof TOOL_TIERS)[number], ...base }
            : { decision, ownerId: person, ...base };
    } else input = { decision, ...base };
    try {
      await onSubmit(input);
    } catch (thrown) {
      if (!(thrown instanceof ApiError)) {
        setProblem({ message: thrown instanceof Error ? thrown.message : "The decision failed", issues: [] });
        return;
      }
      const placed: Record<string, string> = {};
      const rest = thrown.issues.filter((issue) => {
        const field = issue.path === "reviewerId" || issue.path === "ownerId" ? "person" : issue.path;
        if (!["comment", "expiresAt", "tier", "person"].includes(field)) return true;
        placed[field] = issue.message;
        return false;
      });
      setErrors(placed);
      setProblem({ message: thrown.message, issues: rest });
    }
  };

  const needsPerson = decision === "reassign" || (decision === "modify" && item.targetType === "identity");
  return (
    <Dialog
      open
      onClose={onClose}
      title={decision === "modify" && item.targetType === "tool" ? "Change the tool's tier" : decision === "modify" && item.targetType === "grant_tool" ? "Narrow the grant" : decision === "modify" ? "Change the owner" : TITLES[decision]}
      description={describe(item, decision)}
      dismissible={!busy}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant={decision === "revoke" ? "danger" : "primary"} onClick={() => void submit()} disabled={busy}>
            {{ certify: "Certify", revoke: "Revoke", modify: "Save change", reassign: "Reassign" }[decision]}
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
        {decision === "modify" && item.targetType === "grant_tool" ? (
          <Field label="Access ends on" htmlFor={`${id}-expires`} error={errors.expiresAt} hint={EXPIRY_HINT} required>
            <Input id={`${id}-expires`} type="date" value={expiresAt} min={tomorrow} onChange={(event) => setExpiresAt(event.target.value)} invalid={Boolean(errors.expiresAt)} aria-describedby={describedBy(`${id}-expires`, { error: errors.expiresAt, hint: EXPIRY_HINT })} />
          </Field>
        ) : null}
        {decision === "modify" && item.targetType === "tool" ? (
          <Field label="New tier" htmlFor={`${id}-tier`} error={errors.tier} required>
            <Select id={`${id}-tier`} value={tier} onChange={(event) => setTier(event.target.value)} invalid={Boolean(errors.tier)} aria-describedby={describedBy(`${id}-tier`, { error: errors.tier })}>
              <option value="" disabled>
                Choose a tier
              </option>
              {TOOL_TIERS.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {needsPerson ? <PeoplePicker id={`${id}-person`} label={decision === "reassign" ? "New reviewer" : "New owner"} value={person} onChange={setPerson} placeholder="Choose a person" error={errors.person} required /> : null}
        <Field label="Comment" htmlFor={`${id}-comment`} error={errors.comment} hint={COMMENT_HINT} required>
          <Textarea id={`${id}-comment`} rows={3} value={comment} onChange={(event) => setComment(event.target.value)} invalid={Boolean(errors.comment)} aria-describedby={describedBy(`${id}-comment`, { error: errors.comment, hint: COMMENT_HINT })} />
        </Field>
      </form>
    </Dialog>
  );
}
