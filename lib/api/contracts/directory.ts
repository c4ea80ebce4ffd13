// Contracts: the user directory (people picker) and settings.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { ZSettings, ZSettingsPatch } from "@/lib/settings/defaults";

export const searchDirectoryContract = defineContract({
  operationId: "searchDirectory",
  method: "GET",
  path: "/api/v1/directory/users",
  tag: "Directory",
  summary: "Find active users to name as owners (id, name and email only)",
  permission: "identities:register",
  query: z.object({ q: z.string().trim().max(200).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }),
  response: { status: 200, description: "Matching active users", schema: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })) }) },
});

export const getSettingsContract = defineContract({
  operationId: "getSettings",
  method: "GET",
  path: "/api/v1/settings",
  tag: "Settings",
  summary: "Read Warden's settings",
  permission: "settings:read",
  response: { status: 200, description: "The settings", schema: ZSettings },
});

export const updateSettingsContract = defineContract({
  operationId: "updateSettings",
  method: "PATCH",
  path: "/api/v1/settings",
  tag: "Settings",
  summary: "Change settings (admins); audited with old and new values",
  permission: "settings:manage",
  body: ZSettingsPatch,
  errors: ["validation_failed"],
  response: { status: 200, description: "The settings after the change", schema: ZSettings },
});
