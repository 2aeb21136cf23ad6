import { z } from 'zod';

/** Epoch milliseconds: every `ts` in the contracts. */
export const epochMs = z.number().int().nonnegative();

export const isoDateTime = z.iso.datetime({ offset: true });

export const severitySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

/** Ids become Kafka keys, room names and URL segments: keep them printable and short. */
export const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.:@-]+$/, 'letters, digits and . _ : @ - only');
