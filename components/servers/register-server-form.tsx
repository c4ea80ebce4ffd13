"use client";
// Register-server form: name, description, resource URI and owner; on success opens the new server.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type UseFormRegisterReturn } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ZRegisterServerInput } from "@/lib/identities/servers/schemas";
import { applyApiError } from "@/lib/query/form-errors";
import { useRegisterServer } from "@/lib/query/servers/use-register-server";
import { useUsers } from "@/lib/query/users/use-users";

type TFormIn = z.input<typeof ZRegisterServerInput>;
type TFormOut = z.output<typeof ZRegisterServerInput>;

const FIELDS = ["name", "description", "resourceUri", "ownerId"] as const;
const OWNER_LIMIT = 100;
const FIXED_OWNER_HINT = "You register servers that you own.";
const RESOURCE_HINT = "The RFC 8707 resource indicator: https://…, http only for localhost, no #fragment";

type CurrentUser = { id: string; name: string; email: string };

export function RegisterServerForm({ currentUser, canChooseOwner }: { currentUser: CurrentUser; canChooseOwner: boolean }) {
  const router = useRouter();
  const { toast } = useToast();
  const registerServer = useRegisterServer();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TFormIn, unknown, TFormOut>({
    resolver: zodResolver(ZRegisterServerInput),
    defaultValues: { name: "", description: "", resourceUri: "", ownerId: currentUser.id },
  });

  const onSubmit = async (values: TFormOut) => {
    setFormError(null);
    try {
      const server = await registerServer.mutateAsync({ ...values, description: values.description ? values.description : undefined });
      toast({ title: "Server registered", description: server.name, tone: "success" });
      router.push(`/servers/${server.id}`);
    } catch (error) {
      setFormError(applyApiError(error, setError, FIELDS));
    }
  };

  const nameError = errors.name?.message;
  const descriptionError = errors.description?.message;
  const resourceError = errors.resourceUri?.message;
  const ownerError = errors.ownerId?.message;

  return (
    <Card>
      <form noValidate onSubmit={handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Register MCP server">
        {formError ? (
          <Alert tone="danger" title="The server was not registered">
            {formError}
          </Alert>
        ) : null}
        <Field label="Name" htmlFor="server-name" error={nameError} required>
          <Input id="server-name" autoComplete="off" invalid={Boolean(nameError)} aria-describedby={describedBy("server-name", { error: nameError })} {...register("name")} />
        </Field>
        <Field label="Description" htmlFor="server-description" error={descriptionError} hint="Optional: what the server does and who uses it.">
          <Textarea
            id="server-description"
            invalid={Boolean(descriptionError)}
            aria-describedby={describedBy("server-description", { error: descriptionError, hint: "Optional: what the server does and who uses it." })}
            {...register("description")}
          />
        </Field>
        <Field label="Resource URI" htmlFor="server-resource-uri" error={resourceError} hint={RESOURCE_HINT} required>
          <Input
            id="server-resource-uri"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://mcp.example.com/mcp"
            className="font-mono"
            invalid={Boolean(resourceError)}
            aria-describedby={describedBy("server-resource-uri", { error: resourceError, hint: RESOURCE_HINT })}
            {...register("resourceUri")}
          />
        </Field>
        {canChooseOwner ? (
          <OwnerSelect currentUser={currentUser} error={ownerError} registration={register("ownerId")} />
        ) : (
          <Field label="Owner" htmlFor="server-owner" error={ownerError} hint={FIXED_OWNER_HINT}>
            <Input
              id="server-owner"
              readOnly
              invalid={Boolean(ownerError)}
              value={`${currentUser.name} (${currentUser.email})`}
              aria-describedby={describedBy("server-owner", { error: ownerError, hint: FIXED_OWNER_HINT })}
            />
          </Field>
        )}
        <div className="flex items-center gap-2">
          <Button type="submit" loading={isSubmitting}>
            Register server
          </Button>
          <ButtonLink href="/servers" variant="secondary">
            Cancel
          </ButtonLink>
        </div>
      </form>
    </Card>
  );
}

function OwnerSelect({ currentUser, error, registration }: { currentUser: CurrentUser; error?: string; registration: UseFormRegisterReturn<"ownerId"> }) {
  const users = useUsers({ status: "active", limit: OWNER_LIMIT });
  // You come first and stay put while the list loads, so the selected option never moves.
  const others = (users.data?.items ?? []).filter((user) => user.id !== currentUser.id);
  const hint = users.error
    ? `Could not load users (${users.error.message}); you can still register the server as its owner.`
    : users.data?.nextCursor
      ? `Showing the ${OWNER_LIMIT} most recent active users. The owner must be an active user.`
      : "The person accountable for this server. Only active users can own servers.";

  return (
    <Field label="Owner" htmlFor="server-owner" error={error} hint={hint} required>
      <Select id="server-owner" invalid={Boolean(error)} aria-describedby={describedBy("server-owner", { error, hint })} {...registration}>
        <option value={currentUser.id}>
          {currentUser.name} ({currentUser.email})
        </option>
        {others.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name} ({user.email})
          </option>
        ))}
      </Select>
    </Field>
  );
}
