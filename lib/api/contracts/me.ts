// Contracts: the calling principal.
import { z } from "zod";
import { ALL_PERMISSIONS, ROLES } from "@/lib/auth/permissions";
import { defineContract } from "@/lib/api/contract";
import { ZChangePasswordInput, ZUser } from "@/lib/users/schemas";

export const ZMe = z.object({
  kind: z.enum(["user", "api_token"]),
  id: z.string(),
  label: z.string(),
  role: z.enum(ROLES).nullable(),
  permissions: z.array(z.enum(ALL_PERMISSIONS as [string, ...string[]])),
  user: ZUser.nullable(),
});

export const getMe = defineContract({
  operationId: "getMe",
  method: "GET",
  path: "/api/v1/me",
  tag: "Me",
  summary: "Who am I: the signed-in user or API token, its role and effective permissions",
  permission: "authenticated",
  allowDuringPasswordChange: true,
  response: { status: 200, description: "The calling principal", schema: ZMe },
});

export const changeMyPassword = defineContract({
  operationId: "changeMyPassword",
  method: "POST",
  path: "/api/v1/me/password",
  tag: "Me",
  summary: "Change your own password (required after a temporary password); ends your other sessions",
  permission: "authenticated",
  allowDuringPasswordChange: true,
  body: ZChangePasswordInput,
  errors: ["validation_failed", "conflict"],
  response: { status: 200, description: "Password changed", schema: z.object({ changed: z.literal(true) }) },
});
