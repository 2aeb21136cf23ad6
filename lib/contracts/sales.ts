import { z } from 'zod';

import { isoDateTime } from './common';

/**
 * Numbers from the MSK Data Generator arrive as strings ("3", "42"); other producers send numbers.
 * Both are accepted, anything that is not a finite number is a contract failure.
 */
const numberOrNumericString = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'not a number')
    .transform(Number),
]);

/** `purchase`: exactly what the MSK Data Generator writes (JsonConverter, schemas disabled). */
export const purchaseSchema = z.object({
  book_id: z.string().min(1),
  bookstore_id: z.string().min(1),
  customer: z.string(),
  quantity: numberOrNumericString.pipe(z.number().int().positive()),
  unit_price: numberOrNumericString.pipe(z.number().nonnegative()),
  // ISO-8601, epoch ms, or Java Date.toString(); lib/contracts/timestamps.ts turns it into epoch ms.
  timestamp: z.union([z.string().min(1), z.number()]),
});
export type Purchase = z.infer<typeof purchaseSchema>;

export const bookstoreSchema = z.object({ name: z.string(), city: z.string(), state: z.string() });
export type Bookstore = z.infer<typeof bookstoreSchema>;

export const bookSchema = z.object({ title: z.string(), genre: z.string(), author: z.string() });
export type Book = z.infer<typeof bookSchema>;

/** One genre's share of a bookstore's minute (purchase joined with `book`; `unknown` when the book is not known). */
export const genreSalesSchema = z.object({
  genre: z.string(),
  orders: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  revenue: z.number().nonnegative(),
});
export type GenreSales = z.infer<typeof genreSalesSchema>;

/** The bookstore id a purchase counts under when its store never became known within the wait. */
export const UNKNOWN_BOOKSTORE_ID = 'unknown';

/**
 * `bookstore.sales-per-minute`, keyed `bookstoreId|windowStart`. `genres` is an optional addition
 * to the architecture's shape (older producers may omit it): the same minute split by book genre.
 */
export const salesPerMinuteSchema = z.object({
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  bookstoreId: z.string(),
  name: z.string(),
  city: z.string(),
  state: z.string(),
  orders: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  revenue: z.number().nonnegative(),
  final: z.boolean(),
  genres: z.array(genreSalesSchema).optional(),
});
export type SalesPerMinute = z.infer<typeof salesPerMinuteSchema>;
