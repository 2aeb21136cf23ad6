import type { z } from 'zod';

/** What a consumer gets back for one message: never an exception, always a value or a reason. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The fault kinds a rejection reason starts with, so metrics can count per kind without parsing text. */
export type RejectionKind = 'empty' | 'not-json' | 'contract';

export function rejectionKind(reason: string): RejectionKind {
  const kind = reason.split(':', 1)[0];
  return kind === 'empty' || kind === 'not-json' ? kind : 'contract';
}

export function parseValue<S extends z.ZodType>(schema: S, raw: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, reason: `contract: ${issues}` };
}

/** Parses a Kafka message value (JSON text) against a contract. */
export function parseMessage<S extends z.ZodType>(schema: S, value: Buffer | string | null | undefined): ParseResult<z.output<S>> {
  if (value === null || value === undefined || value.length === 0) return { ok: false, reason: 'empty: message has no value' };
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not-json: ${(error as Error).message}` };
  }
  return parseValue(schema, json);
}
