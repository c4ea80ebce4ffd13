"use client";
// "Trust an attester": name, issuer, its public JWKS and the claims that mean "hardware-bound". The server validates everything.
import { useState, type FormEvent } from "react";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import type { TRegisterAttesterInput } from "@/lib/attesters/schemas";
import { ApiError } from "@/lib/query/api-fetch";
import { useRegisterAttester } from "@/lib/query/attesters/use-register-attester";

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(422, "Not valid JSON", "validation_failed", [{ path, message: "is not valid JSON" }], null);
  }
}

export function RegisterAttesterDialog({ onClose }: { onClose: () => void }) {
  const register = useRegisterAttester();
  const { toast } = useToast();
  const [name, setName] = useState("");
  const [issuer, setIssuer] = useState("");
  const [jwks, setJwks] = useState('{ "keys": [] }');
  const [claims, setClaims] = useState('{ "key_storage": ["tpm"] }');
  const [expiresAt, setExpiresAt] = useState("");
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const input = { name, issuer, jwks: parseJson(jwks, "jwks"), hardwareClaims: parseJson(claims, "hardwareClaims"), ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}) } as TRegisterAttesterInput;
      const created = await register.mutateAsync(input);
      toast({ title: "Attester trusted", description: created.name, tone: "success" });
      onClose();
    } catch (failure) {
      setProblem(failure instanceof ApiError ? { message: failure.message, issues: failure.issues } : { message: (failure as Error).message, issues: [] });
    }
  };

  return (
    <Dialog open onClose={onClose} title="Trust an attester" size="lg" description="An attester (a TPM-backed agent runtime, a cloud KMS, an MDM) signs Client Attestation JWTs that bind an agent instance's key and say where it is stored.">
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
        <ProblemAlert title="The attester was not saved" problem={problem} />
        <Field label="Name" htmlFor="attester-name" required>
          <Input id="attester-name" value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
        <Field label="Issuer" htmlFor="attester-issuer" hint="The iss of its attestations, compared exactly" required>
          <Input id="attester-issuer" value={issuer} onChange={(event) => setIssuer(event.target.value)} />
        </Field>
        <Field label="Public keys (JWKS)" htmlFor="attester-jwks" hint="Public keys only; private members are refused" required>
          <Textarea id="attester-jwks" rows={5} className="font-mono text-xs" value={jwks} onChange={(event) => setJwks(event.target.value)} />
        </Field>
        <Field label="Hardware claims" htmlFor="attester-claims" hint="Claim → values meaning the key is hardware-bound; every claim listed must hold one of its values" required>
          <Textarea id="attester-claims" rows={3} className="font-mono text-xs" value={claims} onChange={(event) => setClaims(event.target.value)} />
        </Field>
        <Field label="Trusted until" htmlFor="attester-expires" hint="Leave empty to trust until revoked">
          <Input id="attester-expires" type="datetime-local" value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={register.isPending}>
            Trust attester
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
