// GET /api/v1/settings — read settings; PATCH — change them (admins)
import { handle } from "@/lib/api/handle";
import { getSettingsContract, updateSettingsContract } from "@/lib/api/contracts/directory";
import { assertCan } from "@/lib/auth/actor";
import { readSettings } from "@/lib/settings/get-settings";
import { updateSettings } from "@/lib/settings/update-settings";

export const GET = handle(getSettingsContract, async ({ actor }) => {
  assertCan(actor, "settings:read");
  return readSettings();
});
export const PATCH = handle(updateSettingsContract, ({ actor, body, context }) => updateSettings({ actor, input: body, context }));
