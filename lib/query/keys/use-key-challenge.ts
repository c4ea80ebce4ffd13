// Asks for a single-use challenge to sign as proof of possession (POST /api/v1/identities/{id}/keys/challenge).
import { useMutation } from "@tanstack/react-query";
import type { TKeyChallenge } from "@/lib/identities/keys/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { keysPath } from "@/lib/query/keys/invalidate";

export function useKeyChallenge(identityId: string) {
  // Nothing cached changes: a challenge is new state only the proof refers to.
  return useMutation({
    mutationFn: () => apiFetch<TKeyChallenge>(keysPath(identityId, "/challenge"), { method: "POST" }),
  });
}
