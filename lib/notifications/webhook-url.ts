// Where Warden may post: https, or plain http to a loopback host; outside
// production plain http anywhere (test receivers on a LAN). The zod schema
// checks the shape; this checks the deployment's rules, which forms cannot know
// (including an address the outbound guard blocks, docs/outbound-requests.md).
import { env } from "@/lib/config/env";
import { invalid } from "@/lib/errors/app-error";
import { literalRefusal } from "@/lib/http/outbound/destination";

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export function assertWebhookUrlAllowed(value: string): void {
  const url = new URL(value);
  const refused = literalRefusal(url.hostname);
  if (refused) throw invalid("The webhook URL is not allowed", [{ path: "url", message: refused }]);
  if (url.protocol === "https:" || isLoopback(url.hostname)) return;
  if (env().WARDEN_ENV === "production") throw invalid("The webhook URL must use https", [{ path: "url", message: "Must use https (http is allowed for localhost only)" }]);
}
