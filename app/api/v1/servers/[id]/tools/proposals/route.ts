// GET /api/v1/servers/{id}/tools/proposals — recent proposals; POST — propose from manual entry or an upload
import { handle } from "@/lib/api/handle";
import { createProposalContract, listProposalsContract } from "@/lib/api/contracts/catalog";
import { createProposal } from "@/lib/catalog/create-proposal";
import { listProposals } from "@/lib/catalog/list-catalog";

export const GET = handle(listProposalsContract, ({ actor, params, query }) => listProposals({ actor, serverId: params.id, status: query.status }));
export const POST = handle(createProposalContract, ({ actor, params, body, context }) => createProposal({ actor, serverId: params.id, input: body, context }));
