// The public view of a user row.
import type { Role } from "@/lib/auth/permissions";
import type { TUser } from "@/lib/users/schemas";

export const USER_VIEW_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  passwordHash: true,
  mustChangePassword: true,
  lockedUntil: true,
  lastLoginAt: true,
  createdAt: true,
  deactivatedAt: true,
} as const;

type Row = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  passwordHash: string | null;
  mustChangePassword: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  deactivatedAt: Date | null;
};

export function presentUser(row: Row, now = new Date()): TUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    hasPassword: row.passwordHash !== null,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
  };
}
