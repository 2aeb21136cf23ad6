import { z } from 'zod';

import { isoDateTime } from '../contracts/common';
import { salesPerMinuteSchema } from '../contracts/sales';

/** The ranges the Sales page offers; the BFF keeps 24 h. */
export const SALES_RANGES_MIN = [15, 60, 360, 1440] as const;
export const SALES_RETENTION_MIN = 1440;

/** `GET /api/sales/per-minute?minutes=`. */
export const salesQuerySchema = z.object({
  minutes: z.coerce.number().int().min(1).max(SALES_RETENTION_MIN).default(60),
});

const totals = {
  orders: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  revenue: z.number().nonnegative(),
};

/** One minute: totals over every bookstore, and the bookstores' own rows (the processor's output). */
export const minuteSalesSchema = z.object({
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  ...totals,
  /** Every bookstore's row of this minute is final: the minute is closed. */
  final: z.boolean(),
  bookstores: z.array(salesPerMinuteSchema),
});
export type MinuteSales = z.infer<typeof minuteSalesSchema>;

export const salesBreakdownSchema = z.object({ key: z.string(), ...totals });
export type SalesBreakdown = z.infer<typeof salesBreakdownSchema>;

export const salesResponseSchema = z.object({
  minutes: z.number().int(),
  /** The range [from, to): it ends at the newest minute with data, or now if that is later. */
  from: isoDateTime,
  to: isoDateTime,
  /** Minutes with sales, oldest first. */
  perMinute: z.array(minuteSalesSchema),
  byCity: z.array(salesBreakdownSchema),
  byState: z.array(salesBreakdownSchema),
  byGenre: z.array(salesBreakdownSchema),
  serverTime: z.number(),
  /** SALES_CURRENCY: the ISO 4217 code of every amount (the purchases themselves carry none). */
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export type SalesResponse = z.infer<typeof salesResponseSchema>;

/** What the sales figures alone give; the BFF adds the currency setting. */
export type SalesSummary = Omit<SalesResponse, 'currency'>;
