// Early feedback for forms and the API: a destination whose host is an IP
// literal the policy blocks is refused when it is saved, not first when
// something is sent. Host names are judged when they are resolved, at send time.
import { checkLiteral } from "@/lib/http/outbound/lookup";
import { outboundPolicy } from "@/lib/http/outbound/settings";

/** Why Warden will not contact `host` (a URL's hostname or a syslog host), when that is known without DNS. */
export function literalRefusal(host: string): string | undefined {
  return checkLiteral(host, outboundPolicy())?.message;
}
