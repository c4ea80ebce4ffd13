// Admin-editable settings, their types and defaults. Stored per key in the
// Setting table; a key that was never set has its default.
import { z } from "zod";

export const ZSettings = z.object({
  autoApproveDevelopment: z.boolean().describe("Identities registered for the development environment are approved at once"),
  requireKeyProofInProduction: z.boolean().describe("Keys of production identities must come with proof of possession (a signed challenge)"),
  keyRotationOverlapDays: z.number().int().min(0).max(90).describe("Default days a retiring key stays valid after it is retired"),
  maxImportDocuments: z.number().int().min(1).max(5000).describe("Most server.json documents one import may contain"),
});
export type Settings = z.infer<typeof ZSettings>;

export const DEFAULT_SETTINGS: Settings = {
  autoApproveDevelopment: true,
  requireKeyProofInProduction: true,
  keyRotationOverlapDays: 7,
  maxImportDocuments: 500,
};

export const ZSettingsPatch = ZSettings.partial().strict().refine((value) => Object.keys(value).length > 0, "Change at least one setting");
