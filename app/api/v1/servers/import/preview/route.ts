// POST /api/v1/servers/import/preview — what an import would create, update or refuse, writing nothing
import { handle } from "@/lib/api/handle";
import { previewServerImportContract } from "@/lib/api/contracts/import";
import { previewServerImport } from "@/lib/identities/import/plan-import";

export const POST = handle(previewServerImportContract, ({ actor, body }) => previewServerImport({ actor, input: body }));
