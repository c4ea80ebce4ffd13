// A catalog proposal from manual entry or an uploaded tools/list result. The
// upload is validated as a whole; its problems name the tool and field
// ("tools.3.name"), and nothing is recorded when any is wrong.
import "server-only";
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { proposeCatalog } from "@/lib/catalog/propose-catalog";
import { toolsOfUpload, ZCreateProposalInput, ZToolsUpload, type TProposal } from "@/lib/catalog/schemas";
import { AppError } from "@/lib/errors/app-error";
import { zodIssues } from "@/lib/errors/normalize";

export async function createProposal(options: { actor: Actor; serverId: string; input: z.input<typeof ZCreateProposalInput>; context?: RequestContext | null }): Promise<TProposal> {
  assertCan(options.actor, "identities:register");
  const input = ZCreateProposalInput.parse(options.input);
  if (input.source === "manual") {
    return proposeCatalog({ actor: options.actor, serverId: options.serverId, source: "manual", tools: input.tools, context: options.context });
  }
  const upload = ZToolsUpload.safeParse(input.document);
  if (!upload.success) {
    // report against the shape the document has, so problems name its real fields
    const shaped = uploadShapeOf(input.document).safeParse(input.document);
    const issues = zodIssues(shaped.success ? upload.error : shaped.error, ["document"]);
    throw new AppError("validation_failed", "The upload is not a valid MCP tools/list result", { issues });
  }
  return proposeCatalog({ actor: options.actor, serverId: options.serverId, source: "upload", tools: toolsOfUpload(upload.data), context: options.context });
}

/** A bare array, a JSON-RPC response, or (the form people send most) a tools/list result. */
function uploadShapeOf(document: unknown) {
  const [result, jsonRpc, array] = ZToolsUpload.options;
  if (Array.isArray(document)) return array;
  if (document !== null && typeof document === "object" && "jsonrpc" in document) return jsonRpc;
  return result;
}
