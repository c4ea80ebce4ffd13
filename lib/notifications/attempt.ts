// The outcome of one delivery attempt. `final` gives up at once (the endpoint
// is gone or disabled) instead of retrying.
export type Attempt = { ok: true; status: number | null } | { ok: false; status: number | null; error: string; final?: boolean };
