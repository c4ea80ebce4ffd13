"use client";
// "Add key": paste a public JWK or JWK Set, optionally with an expiry, a proof of possession
// (a Warden challenge signed with the private key as a compact JWS), and a Client Attestation
// JWT from a trusted attester that shows the key is hardware-bound.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "@/lib/format/date";
import type { TAddKeysInput, TKeyChallenge } from "@/lib/identities/keys/schemas";
import { ApiError } from "@/lib/query/api-fetch";
import { useAddKeys } from "@/lib/query/keys/use-add-keys";
import { useKeyChallenge } from "@/lib/query/keys/use-key-challenge";

const PROOF_TYP = "warden-key-proof+jwt";
type AddKeyForm = { keyText: string; expires: string; proof: string; attestation: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The pasted text as the request's `jwk` or `jwks`, or what is wrong with it. */
function parseKeyText(text: string): { body: Pick<TAddKeysInput, "jwk" | "jwks"> } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `This is not valid JSON (${error instanceof Error ? error.message : "parse error"}).` };
  }
  if (!isObject(parsed)) return { error: 'Paste one JWK object, or a JWK Set: {"keys": [...]}.' };
  if ("keys" in parsed) {
    if (!Array.isArray(parsed.keys) || !parsed.keys.every(isObject)) return { error: 'A JWK Set must have "keys": an array of JWK objects.' };
    return { body: { jwks: { keys: parsed.keys } } };
  }
  return { body: { jwk: parsed } };
}

function ChallengeInstructions({ challenge }: { challenge: TKeyChallenge }) {
  const header = JSON.stringify({ alg: "ES256", typ: PROOF_TYP });
  const payload = `{"challenge":"${challenge.nonce}","aud":"${challenge.audience}","iat":<now, in seconds>}`;
  const instructions = `Sign a compact JWS with typ ${PROOF_TYP} and payload {challenge, aud, iat} using the private key:\nheader ${header} (alg: the key's algorithm)\npayload ${payload}`;
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="key-challenge">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-600">Challenge</span>
        <code className="min-w-0 flex-1 break-all font-mono text-xs text-slate-900" data-testid="key-challenge-value">
          {challenge.nonce}
        </code>
        <CopyButton value={challenge.nonce} subject="challenge" />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-600">Audience</span>
        <code className="min-w-0 flex-1 break-all font-mono text-xs text-slate-900" data-testid="key-challenge-audience">
          {challenge.audience}
        </code>
        <CopyButton value={challenge.audience} subject="audience" />
      </div>
      <p className="text-xs text-slate-600">
        Sign a compact JWS with <code className="font-mono">typ {PROOF_TYP}</code> and payload <code className="font-mono">{"{challenge, aud, iat}"}</code> using the private key, then paste it below. The
        challenge can be used once and expires at {formatDateTime(challenge.expiresAt)}.
      </p>
      <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-xs text-slate-800">{`header:  ${header}\npayload: ${payload}`}</pre>
      <CopyButton value={instructions} label="Copy instructions" />
    </div>
  );
}

export function AddKeyDialog({ identityId, proofRequired, onClose }: { identityId: string; proofRequired: boolean; onClose: () => void }) {
  const { toast } = useToast();
  const addKeys = useAddKeys(identityId);
  const getChallenge = useKeyChallenge(identityId);
  const [challenge, setChallenge] = useState<TKeyChallenge | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AddKeyForm>({ defaultValues: { keyText: "", expires: "", proof: "", attestation: "" } });
  const keyError = errors.keyText?.message;
  const expiresError = errors.expires?.message;
  const proofError = errors.proof?.message;
  const keyHint = 'Paste a public JWK, e.g. {"kty":"EC","crv":"P-256","x":"…","y":"…"}, or a JWK Set {"keys":[…]}. Never paste private key material.';
  const expiresHint = "Optional: the key stops being published at the end of this day (UTC).";
  const proofHint = "With a proof for the first key, Warden records that you hold its private key.";
  const attestationError = errors.attestation?.message;
  const attestationHint = "A Client Attestation JWT (typ oauth-client-attestation+jwt) from a trusted attester, about this identity and binding one of the pasted keys (cnf.jwk). That key is then recorded as hardware-bound.";

  async function requestChallenge() {
    setProblem(null);
    try {
      setChallenge(await getChallenge.mutateAsync());
    } catch (error) {
      setProblem({ message: error instanceof Error ? error.message : "Could not get a challenge.", issues: error instanceof ApiError ? error.issues : [] });
    }
  }

  const onSubmit = async (values: AddKeyForm) => {
    setProblem(null);
    const parsed = parseKeyText(values.keyText.trim());
    if ("error" in parsed) {
      setError("keyText", { type: "validate", message: values.keyText.trim() ? parsed.error : "Paste a public key (JWK or JWK Set)." });
      return;
    }
    const proof = values.proof.trim();
    if (proof && !challenge) {
      setError("proof", { type: "validate", message: "Get a challenge first, and sign that one." });
      return;
    }
    const body: TAddKeysInput = {
      ...parsed.body,
      ...(values.expires ? { expiresAt: new Date(`${values.expires}T23:59:59Z`).toISOString() } : {}),
      ...(proof && challenge ? { proofs: { "0": proof }, challengeId: challenge.challengeId } : {}),
      ...(values.attestation.trim() ? { attestation: values.attestation.trim() } : {}),
    };
    try {
      const added = await addKeys.mutateAsync(body);
      onClose();
      const kids = added.items.map((key) => key.kid).join(", ");
      toast({ title: added.items.length === 1 ? "Key added" : `${added.items.length} keys added`, description: kids, tone: "success" });
    } catch (error) {
      // key problems name members of the submission (jwk.x, jwks.keys.0.d, proofs.0): list them all
      setProblem({ message: error instanceof Error ? error.message : "Something went wrong. Try again.", issues: error instanceof ApiError ? error.issues : [] });
      // a challenge is single-use: a failed attempt may have spent it
      if (error instanceof ApiError && error.issues.some((issue) => issue.path === "challengeId")) setChallenge(null);
    }
  };

  return (
    <Dialog open onClose={onClose} dismissible={!isSubmitting} title="Add key" description="Warden only ever holds public keys. The key is published in this identity's JWK Set." size="lg">
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Add key">
        <ProblemAlert title="The key was not added" problem={problem} />
        <Field label="Public key (JWK or JWK Set)" htmlFor="add-key-jwk" error={keyError} hint={keyHint} required>
          <Textarea
            id="add-key-jwk"
            rows={8}
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-xs"
            invalid={Boolean(keyError)}
            aria-describedby={describedBy("add-key-jwk", { error: keyError, hint: keyHint })}
            data-autofocus=""
            {...register("keyText")}
          />
        </Field>
        <Field label="Expires" htmlFor="add-key-expires" error={expiresError} hint={expiresHint}>
          <Input id="add-key-expires" type="date" className="w-48" invalid={Boolean(expiresError)} aria-describedby={describedBy("add-key-expires", { error: expiresError, hint: expiresHint })} {...register("expires")} />
        </Field>
        <details className="rounded-md border border-slate-200 px-3 py-2" open={proofRequired || undefined}>
          <summary className="cursor-pointer text-sm font-medium text-slate-800">Proof of possession</summary>
          <div className="mt-3 space-y-3">
            <p className="text-xs text-slate-600">
              {proofRequired ? "Keys of production identities must come with a proof of possession. " : "Optional. "}
              Get a single-use challenge, sign it with the private key, and paste the signed proof.
            </p>
            <Button variant="secondary" size="sm" onClick={() => void requestChallenge()} loading={getChallenge.isPending}>
              Get challenge
            </Button>
            {challenge ? <ChallengeInstructions challenge={challenge} /> : null}
            <Field label="Signed proof (compact JWS)" htmlFor="add-key-proof" error={proofError} hint={proofHint}>
              <Textarea
                id="add-key-proof"
                rows={3}
                spellCheck={false}
                autoComplete="off"
                className="font-mono text-xs"
                invalid={Boolean(proofError)}
                aria-describedby={describedBy("add-key-proof", { error: proofError, hint: proofHint })}
                {...register("proof")}
              />
            </Field>
          </div>
        </details>
        <details className="rounded-md border border-slate-200 px-3 py-2">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">Hardware attestation</summary>
          <div className="mt-3">
            <Field label="Client Attestation JWT" htmlFor="add-key-attestation" error={attestationError} hint={attestationHint}>
              <Textarea
                id="add-key-attestation"
                rows={3}
                spellCheck={false}
                autoComplete="off"
                className="font-mono text-xs"
                invalid={Boolean(attestationError)}
                aria-describedby={describedBy("add-key-attestation", { error: attestationError, hint: attestationHint })}
                {...register("attestation")}
              />
            </Field>
          </div>
        </details>
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Add key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
