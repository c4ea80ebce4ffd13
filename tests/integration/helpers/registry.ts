// Shortcuts for registry tests: principals with API tokens, and route calls.
import { POST as approveRoute } from "@/app/api/v1/identities/[id]/approve/route";
import { POST as resumeRoute } from "@/app/api/v1/identities/[id]/resume/route";
import { POST as revokeRoute } from "@/app/api/v1/identities/[id]/revoke/route";
import { POST as suspendRoute } from "@/app/api/v1/identities/[id]/suspend/route";
import { POST as transferRoute } from "@/app/api/v1/identities/[id]/transfer/route";
import type { Role } from "@/lib/auth/permissions";
import { seedApiToken, seedUser, type SeededUser } from "@/lib/seed/factories";
import { call } from "./http";

export type Principal = SeededUser & { token: string };

export async function principal(role: Role): Promise<Principal> {
  const user = await seedUser({ role });
  const { secret } = await seedApiToken({ role, user });
  return { ...user, token: secret };
}

export const LIFECYCLE_ROUTES = { approve: approveRoute, suspend: suspendRoute, resume: resumeRoute, revoke: revokeRoute, transfer: transferRoute } as const;

export function lifecycle(change: keyof typeof LIFECYCLE_ROUTES, identityId: string, who: Principal, body?: unknown) {
  return call<Record<string, unknown> & { status?: string; code?: string; detail?: string; errors?: { path: string; message: string }[] }>(LIFECYCLE_ROUTES[change], {
    method: "POST",
    path: `/api/v1/identities/${identityId}/${change}`,
    params: { id: identityId },
    bearer: who.token,
    body: body ?? {},
  });
}
