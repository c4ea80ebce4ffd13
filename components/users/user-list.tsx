"use client";
// The users table: search, role and status filters, and (with users:manage) row actions.
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { FilterSelect } from "@/components/ui/filter-select";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { useToast } from "@/components/ui/toast";
import { ChangeRoleDialog } from "@/components/users/change-role-dialog";
import { DeactivateUserDialog } from "@/components/users/deactivate-user-dialog";
import { ResetPasswordDialog } from "@/components/users/reset-password-dialog";
import { RoleBadge } from "@/components/users/role-badge";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format/date";
import { useReactivateUser } from "@/lib/query/users/use-reactivate-user";
import { useUsers } from "@/lib/query/users/use-users";
import type { TUser } from "@/lib/users/schemas";

const PAGE_SIZE = 25;
const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "deactivated", label: "Deactivated" },
] as const;
type Status = "active" | "deactivated";
type RowAction = { kind: "role" | "reset" | "deactivate"; user: TUser };

function UserStatus({ user, now }: { user: TUser; now: number }) {
  const locked = user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex flex-wrap items-center gap-1.5">
        {user.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}
        {user.active && locked ? <Badge tone="warning">Locked until {formatDateTime(user.lockedUntil)}</Badge> : null}
      </div>
      {user.active && user.mustChangePassword ? <span className="text-xs text-amber-700">Must change password</span> : null}
      {!user.hasPassword ? <span className="text-xs text-slate-500">Single sign-on only</span> : null}
    </div>
  );
}

export function UserList({ canManage, currentUserId }: { canManage: boolean; currentUserId: string }) {
  const { toast } = useToast();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [status, setStatus] = useState<Status | "">("");
  const [action, setAction] = useState<RowAction | null>(null);
  const [now] = useState(() => Date.now());
  const pagination = useCursorPagination();
  const debounce = useRef<number | undefined>(undefined);
  const reactivateUser = useReactivateUser();

  useEffect(() => () => window.clearTimeout(debounce.current), []);

  function onSearchChange(value: string) {
    setSearch(value);
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => {
      setQ(value.trim());
      pagination.reset();
    }, 300);
  }

  function clearFilters() {
    window.clearTimeout(debounce.current);
    setSearch("");
    setQ("");
    setRole("");
    setStatus("");
    pagination.reset();
  }

  async function reactivate(user: TUser) {
    try {
      await reactivateUser.mutateAsync(user.id);
      toast({ title: "User reactivated", description: `${user.email} can sign in again.`, tone: "success" });
    } catch (thrown) {
      toast({ title: "The user was not reactivated", description: thrown instanceof Error ? thrown.message : undefined, tone: "error" });
    }
  }

  const { data, isPending, isFetching, error } = useUsers({
    q: q || undefined,
    role: role || undefined,
    status: status || undefined,
    cursor: pagination.cursor,
    limit: PAGE_SIZE,
  });

  const columns: Column<TUser>[] = [
    {
      key: "user",
      header: "User",
      cell: (user) => (
        <div className="min-w-0">
          <div className="font-medium text-slate-900">
            {user.name}
            {user.id === currentUserId ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
          </div>
          <div className="text-xs text-slate-500">{user.email}</div>
        </div>
      ),
    },
    { key: "role", header: "Role", cell: (user) => <RoleBadge role={user.role} /> },
    { key: "status", header: "Status", cell: (user) => <UserStatus user={user} now={now} /> },
    {
      key: "lastLoginAt",
      header: "Last sign-in",
      cell: (user) => <span className="whitespace-nowrap">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "never"}</span>,
    },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: "Actions",
      className: "text-right",
      cell: (user) => (
        <div className="flex flex-wrap justify-end gap-1.5">
          <Button variant="secondary" size="sm" aria-label={`Change role of ${user.email}`} onClick={() => setAction({ kind: "role", user })}>
            Change role
          </Button>
          {user.active ? (
            <Button variant="secondary" size="sm" aria-label={`Reset password of ${user.email}`} onClick={() => setAction({ kind: "reset", user })}>
              Reset password
            </Button>
          ) : null}
          {user.active && user.id !== currentUserId ? (
            <Button variant="danger" size="sm" aria-label={`Deactivate ${user.email}`} onClick={() => setAction({ kind: "deactivate", user })}>
              Deactivate
            </Button>
          ) : null}
          {!user.active ? (
            <Button
              variant="secondary"
              size="sm"
              aria-label={`Reactivate ${user.email}`}
              loading={reactivateUser.isPending && reactivateUser.variables === user.id}
              onClick={() => void reactivate(user)}
            >
              Reactivate
            </Button>
          ) : null}
        </div>
      ),
    });
  }

  const filtered = q !== "" || role !== "" || status !== "";

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <Field label="Search" htmlFor="users-search" className="w-full max-w-sm">
          <Input id="users-search" type="search" placeholder="Email or name" value={search} onChange={(e) => onSearchChange(e.target.value)} autoComplete="off" />
        </Field>
        <FilterSelect
          id="users-role-filter"
          label="Role"
          allLabel="All roles"
          value={role}
          onChange={(value) => {
            setRole(value);
            pagination.reset();
          }}
          options={ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))}
        />
        <FilterSelect
          id="users-status-filter"
          label="Status"
          allLabel="All statuses"
          value={status}
          onChange={(value) => {
            setStatus(value);
            pagination.reset();
          }}
          options={STATUS_OPTIONS}
        />
      </div>
      <div data-testid="users-table">
        <DataTable
          caption="Users"
          columns={columns}
          rows={data?.items}
          getRowId={(user) => user.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={
            filtered ? (
              <EmptyState
                title="No users match"
                description="Try a different search, or clear the filters."
                action={
                  <Button variant="secondary" onClick={clearFilters}>
                    Clear filters
                  </Button>
                }
              />
            ) : (
              <EmptyState title="No users yet" description={canManage ? "Create the first user with “Create user”." : "Ask an admin to create users."} />
            )
          }
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {action?.kind === "role" ? <ChangeRoleDialog key={action.user.id} user={action.user} onClose={() => setAction(null)} /> : null}
      {action?.kind === "reset" ? <ResetPasswordDialog key={action.user.id} user={action.user} onClose={() => setAction(null)} /> : null}
      {action?.kind === "deactivate" ? <DeactivateUserDialog key={action.user.id} user={action.user} onClose={() => setAction(null)} /> : null}
    </div>
  );
}
