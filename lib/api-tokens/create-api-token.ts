// Creates an API token and returns its secret once. A token acts for the user
// who created it and can never hold more than that user's role; the CLI
// (system actor) may create service tokens that act for no user.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { ROLE_PERMISSIONS, roleCovers, type Permission } from "@/lib/auth/permissions";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { AppError, forbidden, invalid } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";
import { presentApiToken } from "@/lib/api-tokens/present";
import { ZCreateApiTokenInput, type TApiToken, type TCreateApiTokenInput } from "@/lib/api-tokens/schemas";
import { displayPrefix, generateTokenSecret, hashTokenSecret } from "@/lib/api-tokens/token-secret";

export async function createApiToken(options: {
  actor: Actor;
  input: TCreateApiTokenInput;
  context?: RequestContext | null;
  /** system actor only: the user a CLI-made token acts for */
  forUserId?: string | null;
  now?: Date;
}): Promise<{ token: TApiToken; secret: string }> {
  const { actor, context } = options;
  const input = ZCreateApiTokenInput.parse(options.input);
  assertCan(actor, "api-tokens:manage-own");
  const now = options.now ?? new Date();

  let userId: string | null;
  if (actor.kind === "system") {
    userId = options.forUserId ?? null;
  } else {
    if (options.forUserId && options.forUserId !== actor.userId) throw forbidden("Tokens can only be created for yourself");
    if (actor.kind === "api_token") throw forbidden("API tokens cannot create API tokens; sign in to create one");
    userId = actor.userId;
    if (!actor.role || !roleCovers(actor.role, input.role)) {
      throw forbidden(`Your role cannot create a token with the ${input.role} role`);
    }
  }
  const scopes = input.scopes as Permission[] | undefined;
  const outside = scopes?.filter((scope) => !ROLE_PERMISSIONS[input.role].includes(scope)) ?? [];
  if (outside.length > 0) {
    throw invalid("Scopes must be permissions of the token's role", [{ path: "scopes", message: `not part of the ${input.role} role: ${outside.join(", ")}` }]);
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw invalid("The expiry must be in the future", [{ path: "expiresAt", message: "must be in the future" }]);

  const secret = generateTokenSecret();
  const row = await transact(async (tx) => {
    if (userId) {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true, role: true } });
      if (!user?.active) throw new AppError("validation_failed", "The token's user must be an active user", { issues: [{ path: "user", message: "not an active user" }] });
      if (!roleCovers(user.role, input.role)) throw forbidden(`The user's role cannot hold a token with the ${input.role} role`);
    }
    const created = await tx.apiToken.create({
      data: {
        id: newId("apiToken"),
        name: input.name,
        role: input.role,
        scopes: scopes ?? undefined,
        tokenHash: hashTokenSecret(secret),
        prefix: displayPrefix(secret),
        userId,
        createdById: actor.kind === "system" ? null : actor.id,
        expiresAt,
      },
      include: { user: { select: { email: true } } },
    });
    await appendAuditEvent(tx, {
      action: "api_token.created",
      actor: actorRef(actor),
      target: { type: "api_token", id: created.id },
      details: { name: created.name, role: created.role, scopes: scopes ?? null, userId, expiresAt: expiresAt?.toISOString() ?? null },
      context,
    });
    return created;
  });
  return { token: presentApiToken(row), secret };
}
