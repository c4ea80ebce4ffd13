// Contracts: user management.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { idParam } from "@/lib/api/contracts/common";
import { zPage } from "@/lib/pagination";
import { ZCreateUserInput, ZListUsersQuery, ZUpdateUserInput, ZUser, ZUserWithTemporaryPassword } from "@/lib/users/schemas";

const userId = idParam("usr", "user");

export const listUsersContract = defineContract({
  operationId: "listUsers",
  method: "GET",
  path: "/api/v1/users",
  tag: "Users",
  summary: "List users (newest first) with search and filters",
  permission: "users:read",
  query: ZListUsersQuery,
  response: { status: 200, description: "A page of users", schema: zPage(ZUser) },
});

export const createUserContract = defineContract({
  operationId: "createUser",
  method: "POST",
  path: "/api/v1/users",
  tag: "Users",
  summary: "Create a user with a temporary password (returned once) or for single sign-on only",
  permission: "users:manage",
  body: ZCreateUserInput,
  errors: ["conflict", "validation_failed"],
  response: { status: 201, description: "The new user", schema: ZUserWithTemporaryPassword },
});

export const getUserContract = defineContract({
  operationId: "getUser",
  method: "GET",
  path: "/api/v1/users/{id}",
  tag: "Users",
  summary: "Get one user",
  permission: "users:read",
  params: userId,
  errors: ["not_found"],
  response: { status: 200, description: "The user", schema: ZUser },
});

export const updateUserContract = defineContract({
  operationId: "updateUser",
  method: "PATCH",
  path: "/api/v1/users/{id}",
  tag: "Users",
  summary: "Change a user's name or role",
  permission: "users:manage",
  params: userId,
  body: ZUpdateUserInput,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The updated user", schema: ZUser },
});

export const deactivateUserContract = defineContract({
  operationId: "deactivateUser",
  method: "POST",
  path: "/api/v1/users/{id}/deactivate",
  tag: "Users",
  summary: "Deactivate a user: ends their sessions and revokes their API tokens",
  permission: "users:manage",
  params: userId,
  body: z
    .object({
      reason: z
        .string()
        .trim()
        .max(500)
        .optional()
        .transform((value) => value || undefined),
    })
    .strict(),
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The deactivated user", schema: ZUser },
});

export const reactivateUserContract = defineContract({
  operationId: "reactivateUser",
  method: "POST",
  path: "/api/v1/users/{id}/reactivate",
  tag: "Users",
  summary: "Reactivate a deactivated user",
  permission: "users:manage",
  params: userId,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The reactivated user", schema: ZUser },
});

export const resetUserPasswordContract = defineContract({
  operationId: "resetUserPassword",
  method: "POST",
  path: "/api/v1/users/{id}/reset-password",
  tag: "Users",
  summary: "Give a user a new temporary password (returned once); unlocks the account and ends their sessions",
  permission: "users:manage",
  params: userId,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The user and the temporary password", schema: z.object({ user: ZUser, temporaryPassword: z.string() }) },
});
