// POST /api/v1/servers/{id}/tools/proposals/{proposalId}/discard — discard a proposal
import { handle } from "@/lib/api/handle";
import { discardProposalContract } from "@/lib/api/contracts/catalog";
import { discardProposal } from "@/lib/catalog/discard-proposal";

export const POST = handle(discardProposalContract, ({ actor, params, context }) => discardProposal({ actor, serverId: params.id, proposalId: params.proposalId, context }));
