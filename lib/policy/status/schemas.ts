// What an enforcement point reports (POST /policy/v1/status), after OPA's
// status API: the bundle revision it enforces, its last successful fetch, its
// recent errors and its software version.
import { z } from "zod";

export const MAX_REPORTED_ERRORS = 20;

export const ZStatusReport = z
  .object({
    revision: z.number().int().nonnegative().nullable(),
    lastSuccessfulFetch: z.iso.datetime({ offset: true }).nullable(),
    errors: z
      .array(
        z
          .object({
            at: z.iso.datetime({ offset: true }),
            message: z.string().max(500),
            reason: z.string().max(50).optional(),
          })
          .strict(),
      )
      .max(MAX_REPORTED_ERRORS),
    version: z.string().min(1).max(100),
  })
  .strict();

export type StatusReport = z.infer<typeof ZStatusReport>;
