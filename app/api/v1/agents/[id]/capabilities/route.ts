// GET /api/v1/agents/{id}/capabilities — the tags an agent holds through which tools, and its toxic-combination findings
import { handle } from "@/lib/api/handle";
import { getAgentCapabilitiesContract } from "@/lib/api/contracts/toxic";
import { getAgentCapabilities } from "@/lib/toxic/get-agent-capabilities";

export const GET = handle(getAgentCapabilitiesContract, ({ actor, params }) => getAgentCapabilities({ actor, agentId: params.id }));
