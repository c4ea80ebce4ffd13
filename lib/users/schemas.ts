// User inputs and the public view of a user (never the password hash).
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { ZCursorQuery } from "@/lib/pagination";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, "At most 320 characters")
  .pipe(z.email("Enter a valid email address"));

export const ZPersonName = z.string().trim().min(1, "Name is required").max(200, "At most 200 characters");

export const ZNewPassword = z
  .string()
  .min(12, "Use at least 12 characters")
  .max(256, "At most 256 characters")
  .refine((value) => new Set(value).size >= 5, "Use a less repetitive password");

export const ZCreateUserInput = z
  .object({
    email: ZEmail,
    name: ZPersonName,
    role: z.enum(ROLES),
    signIn: z
      .enum(["temporary_password", "sso_only"])
      .default("temporary_password")
      .describe("temporary_password: Warden generates a password the user must change at first sign-in; sso_only: the user signs in through single sign-on only"),
  })
  .strict();
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z
  .object({ name: ZPersonName.optional(), role: z.enum(ROLES).optional() })
  .strict()
  .refine((value) => value.name !== undefined || value.role !== undefined, "Change at least one of name and role");
export type TUpdateUserInput = z.input<typeof ZUpdateUserInput>;

export const ZChangePasswordInput = z
  .object({ currentPassword: z.string().min(1, "Enter your current password").max(1024), newPassword: ZNewPassword })
  .strict()
  .refine((value) => value.currentPassword !== value.newPassword, { message: "The new password must differ from the current one", path: ["newPassword"] });

export const ZListUsersQuery = ZCursorQuery.extend({
  q: z.string().trim().max(200).optional().describe("Matches email or name"),
  role: z.enum(ROLES).optional(),
  status: z.enum(["active", "deactivated"]).optional(),
});
export type TListUsersQuery = z.output<typeof ZListUsersQuery>;

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  hasPassword: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  deactivatedAt: z.iso.datetime().nullable(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZUserWithTemporaryPassword = z.object({
  user: ZUser,
  temporaryPassword: z.string().nullable().describe("Shown once; the user must change it at first sign-in"),
});
