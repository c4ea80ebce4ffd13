// Path parameter schemas shared by contracts.
import { z } from "zod";

export const idParam = (prefix: string, label: string) =>
  z.object({ id: z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `not a ${label} id (${prefix}_…)`) });

export const ZEmpty = z.object({}).strict();
