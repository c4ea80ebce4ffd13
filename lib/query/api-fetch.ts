// Browser-side calls to the management API. Errors arrive as problem+json and
// are thrown as ApiError, which forms use to put messages on the right fields.
export type ProblemIssue = { path: string; message: string };

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly issues: ProblemIssue[],
    readonly requestId: string | null,
  ) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body !== undefined ? { "content-type": "application/json" } : undefined,
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    credentials: "same-origin",
    signal: init.signal,
  });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = (data ?? {}) as { detail?: string; code?: string; errors?: ProblemIssue[]; requestId?: string };
    // The session ended (sign-out elsewhere, deactivation): a full reload to
    // sign-in drops every piece of client state that belonged to it.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (response.status === 401 && typeof window !== "undefined") window.location.href = "/login";
    throw new ApiError(response.status, problem.detail ?? `Request failed (${response.status})`, problem.code ?? "unknown", problem.errors ?? [], problem.requestId ?? null);
  }
  return data as T;
}

/** Builds a query string from defined, non-empty values. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
