// Where Warden may post: https, or plain http to a loopback host; outside
// production plain http anywhere (test receivers on a LAN). The zod schema
// checks the shape; this checks the deployment's rule, which forms cannot know.
import { env } from "@/lib/config/env";
import { invalid } from "@/lib/errors/app-error";

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export function assertWebhookUrlAllowed(value: string): void {
  const url = new URL(value);
  if (url.protocol === "https:" || isLoopback(url.hostname)) return;
  if (env().WARDEN_ENV === "production") throw invalid("The webhook URL must use https", [{ path: "url", message: "Must use https (http is allowed for localhost only)" }]);
}
