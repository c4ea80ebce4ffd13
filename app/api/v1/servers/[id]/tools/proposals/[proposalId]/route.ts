// GET /api/v1/servers/{id}/tools/proposals/{proposalId} — one proposal
import { handle } from "@/lib/api/handle";
import { getProposalContract } from "@/lib/api/contracts/catalog";
import { getProposal } from "@/lib/catalog/list-catalog";

export const GET = handle(getProposalContract, ({ actor, params }) => getProposal({ actor, serverId: params.id, proposalId: params.proposalId }));
