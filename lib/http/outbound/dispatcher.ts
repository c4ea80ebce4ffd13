// The undici dispatcher every guarded request goes through: its connector
// checks IP-literal destinations itself and resolves host names with the
// checked lookup, so what is checked is what the socket connects to.
import { Agent, buildConnector } from "undici";
import { checkedLookup, checkLiteral, type Resolver } from "@/lib/http/outbound/lookup";
import type { OutboundPolicy } from "@/lib/http/outbound/policy";

const agents = new WeakMap<OutboundPolicy, Agent>();

function createAgent(policy: OutboundPolicy, resolve?: Resolver): Agent {
  const base = buildConnector({ lookup: checkedLookup(policy, resolve) });
  const connect: buildConnector.connector = (options, callback) => {
    const refused = checkLiteral(options.hostname, policy);
    if (refused) return callback(refused, null);
    base(options, callback);
  };
  return new Agent({ connect });
}

/** One agent (and connection pool) per policy; a custom resolver (tests) gets its own. */
export function outboundDispatcher(policy: OutboundPolicy, resolve?: Resolver): Agent {
  if (resolve) return createAgent(policy, resolve);
  let agent = agents.get(policy);
  if (!agent) {
    agent = createAgent(policy);
    agents.set(policy, agent);
  }
  return agent;
}
