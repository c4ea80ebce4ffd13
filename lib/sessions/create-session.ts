// Records a browser session when a user signs in; the session cookie carries only its id.
import "server-only";
import type { RequestContext } from "@/lib/auth/actor";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";

export async function createSession(options: { userId: string; authMethod: "password" | "oidc"; context: RequestContext | null }): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + env().WARDEN_SESSION_MAX_AGE_SECONDS * 1000);
  return db().session.create({
    data: {
      id: newId("session"),
      userId: options.userId,
      authMethod: options.authMethod,
      ip: options.context?.ip ?? null,
      userAgent: options.context?.userAgent?.slice(0, 512) ?? null,
      expiresAt,
    },
    select: { id: true, expiresAt: true },
  });
}
