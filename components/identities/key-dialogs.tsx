"use client";
// Per-key dialogs: "Retire key" (stays published for an overlap of days) and "Revoke key" (at once, with a reason).
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyMappedApiError, fieldMap } from "@/components/identities/form-support";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ZRetireKeyInput, ZRevokeKeyInput, type TKey } from "@/lib/identities/keys/schemas";
import { useRetireKey } from "@/lib/query/keys/use-retire-key";
import { useRevokeKey } from "@/lib/query/keys/use-revoke-key";

// The number input gives text; the shared schema checks the number it holds.
const ZRetireForm = z.object({ overlapDays: z.string().trim().min(1, "Give a number of days (0–90)").transform(Number).pipe(ZRetireKeyInput.shape.overlapDays.unwrap()) });
type RetireIn = z.input<typeof ZRetireForm>;
type RetireOut = z.output<typeof ZRetireForm>;

export function RetireKeyDialog({ identityId, keyItem, defaultOverlapDays, onClose }: { identityId: string; keyItem: TKey; defaultOverlapDays: number; onClose: () => void }) {
  const { toast } = useToast();
  const retire = useRetireKey(identityId);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RetireIn, unknown, RetireOut>({ resolver: zodResolver(ZRetireForm), defaultValues: { overlapDays: String(defaultOverlapDays) } });
  const error = errors.overlapDays?.message;
  const hint = "How long the key stays published so verifiers can switch over (0–90).";

  const onSubmit = async (values: RetireOut) => {
    setProblem(null);
    try {
      const key = await retire.mutateAsync({ keyId: keyItem.id, input: { overlapDays: values.overlapDays } });
      onClose();
      toast({ title: "Key retired", description: `${key.kid} stays published for ${values.overlapDays} days.`, tone: "success" });
    } catch (thrown) {
      setProblem(applyMappedApiError(thrown, setError, fieldMap<RetireIn>(["overlapDays"])));
    }
  };

  return (
    <Dialog open onClose={onClose} dismissible={!isSubmitting} title="Retire key" description={<>The key <code className="font-mono">{keyItem.kid}</code> stops being used for new signatures and is removed from the JWK Set after the overlap.</>}>
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Retire key">
        <ProblemAlert title="The key was not retired" problem={problem} />
        <Field label="Overlap (days)" htmlFor="retire-overlap-days" error={error} hint={hint} required>
          <Input id="retire-overlap-days" type="number" inputMode="numeric" min={0} max={90} step={1} className="w-32" invalid={Boolean(error)} aria-describedby={describedBy("retire-overlap-days", { error, hint })} data-autofocus="" {...register("overlapDays")} />
        </Field>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Retire key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

type RevokeIn = z.input<typeof ZRevokeKeyInput>;
type RevokeOut = z.output<typeof ZRevokeKeyInput>;

export function RevokeKeyDialog({ identityId, keyItem, onClose }: { identityId: string; keyItem: TKey; onClose: () => void }) {
  const { toast } = useToast();
  const revoke = useRevokeKey(identityId);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<RevokeIn, unknown, RevokeOut>({ resolver: zodResolver(ZRevokeKeyInput), defaultValues: { reason: "" } });
  const error = errors.reason?.message;
  const hint = "Recorded in the audit log and the revocation list.";

  const submit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const key = await revoke.mutateAsync({ keyId: keyItem.id, input: values });
      onClose();
      toast({ title: "Key revoked", description: key.kid, tone: "success" });
    } catch (thrown) {
      setProblem(applyMappedApiError(thrown, setError, fieldMap<RevokeIn>(["reason"])));
    }
  });

  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={() => submit()}
      title="Revoke key"
      description={<>The key <code className="font-mono">{keyItem.kid}</code> stops being valid at once and cannot be restored. Tokens and signatures made with it are refused.</>}
      confirmLabel="Revoke key"
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ProblemAlert title="The key was not revoked" problem={problem} />
        <Field label="Reason" htmlFor="revoke-key-reason" error={error} hint={hint} required>
          <Textarea id="revoke-key-reason" maxLength={500} invalid={Boolean(error)} aria-describedby={describedBy("revoke-key-reason", { error, hint })} disabled={revoke.isPending} data-autofocus="" {...register("reason")} />
        </Field>
      </form>
    </ConfirmDialog>
  );
}
