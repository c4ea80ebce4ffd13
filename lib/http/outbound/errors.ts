// Why the outbound guard stopped a request. Messages are meant to be shown as
// they are (the console, the delivery log, the discovery error): they name the
// destination and the rule, and never a resolved address of a host name.
export type OutboundErrorKind = "blocked" | "timeout" | "too_large" | "redirect";

export class OutboundError extends Error {
  override name = "OutboundError";
  constructor(
    readonly kind: OutboundErrorKind,
    message: string,
    /** The limit that was hit: milliseconds for a timeout, bytes for too_large. */
    readonly limit?: number,
  ) {
    super(message);
  }
}

/**
 * A blocked destination. For a host name the resolved address stays out of the
 * message: it would tell whoever registered the URL what an internal name resolves to.
 */
export function blockedError(destination: { host: string; address: string }, reason: string): OutboundError {
  if (destination.host === destination.address) return new OutboundError("blocked", `destination ${destination.address} is blocked: ${reason}`);
  return new OutboundError("blocked", `destination ${destination.host} is blocked: it resolves to an address in a blocked range (${reason})`);
}

/** The OutboundError in `error` or its causes (fetch wraps connection errors in a TypeError). */
export function findOutboundError(error: unknown): OutboundError | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current instanceof OutboundError) return current;
    current = current.cause;
  }
  return undefined;
}
