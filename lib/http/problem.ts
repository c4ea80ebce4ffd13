// RFC 9457 problem+json responses for the management API.
import type { AppError } from "@/lib/errors/app-error";
import { ERROR_TITLES } from "@/lib/errors/codes";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId: string;
  errors?: { path: string; message: string }[];
};

export function problemBody(error: AppError, requestId: string, instance?: string): ProblemBody {
  return {
    type: `urn:warden:problem:${error.code}`,
    title: ERROR_TITLES[error.code],
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    code: error.code,
    requestId,
    ...(error.issues.length > 0 ? { errors: error.issues } : {}),
  };
}

export function problemResponse(error: AppError, requestId: string, instance?: string): Response {
  return new Response(JSON.stringify(problemBody(error, requestId, instance)), {
    status: error.status,
    headers: {
      "content-type": PROBLEM_CONTENT_TYPE,
      "cache-control": "no-store",
      "x-request-id": requestId,
      ...error.headers,
    },
  });
}
