// POST /api/v1/servers/{id}/tools/proposals/{proposalId}/apply — apply a reviewed proposal
import { handle } from "@/lib/api/handle";
import { applyProposalContract } from "@/lib/api/contracts/catalog";
import { applyProposal } from "@/lib/catalog/apply-proposal";

export const POST = handle(applyProposalContract, ({ actor, params, context }) => applyProposal({ actor, serverId: params.id, proposalId: params.proposalId, context }));
