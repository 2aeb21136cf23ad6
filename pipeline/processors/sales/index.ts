import type { z } from 'zod';

import type { Book, Bookstore, Purchase } from '@/lib/contracts/sales';
import { bookSchema, bookstoreSchema, purchaseSchema } from '@/lib/contracts/sales';
import { TOPICS } from '@/lib/contracts/topics';
import { getConfig } from '@/server/config';
import type { ContractRecord } from '@/server/kafka/contract-consumer';
import { KafkaTable } from '@/server/kafka/kafka-table';

import type { OutputRecord, ProcessingRejection, ProcessorContext, ProcessorDefinition, ProcessResult } from '../../runtime/processor';
import { processorGroupId } from '../../runtime/processor';
import { rewindGroupToEarliest } from '../../runtime/rewind';

import { purchaseEventTime, saleLine, storeRef, UNKNOWN_STORE } from './purchase-line';
import { SalesWindows, salesKey } from './windows';

export interface SalesProcessorOptions {
  allowedLatenessMs: number;
  unknownStoreWaitMs: number;
  /** How often partial results of the open minutes are written. */
  partialEveryMs: number;
  idlePartitionMs: number;
}

interface PendingPurchase {
  purchase: Purchase;
  eventTime: number;
  deadline: number;
}

type Rejection = ProcessingRejection<Purchase>;

/** `purchase` + `bookstore` + `book` → `bookstore.sales-per-minute`, keyed `bookstoreId|windowStart`. */
export function salesProcessor(options: SalesProcessorOptions = salesOptionsFromConfig()): ProcessorDefinition<typeof purchaseSchema> {
  const bookstores = new KafkaTable<Bookstore>();
  const books = new KafkaTable<Book>();
  const windows = new SalesWindows({ allowedLatenessMs: options.allowedLatenessMs, idlePartitionMs: options.idlePartitionMs });
  // Purchases whose bookstore or book is not on its table yet (a record written just before the
  // purchase may not be read yet); bounded by the wait, then counted as the unknown store or genre.
  let pending: PendingPurchase[] = [];

  const resolvePending = (now: number): void => {
    const waiting: PendingPurchase[] = [];
    for (const item of pending) {
      const bookstore = bookstores.get(item.purchase.bookstore_id);
      const book = books.get(item.purchase.book_id);
      if ((!bookstore || !book) && now < item.deadline) {
        waiting.push(item);
        continue;
      }
      const store = bookstore ? storeRef(item.purchase.bookstore_id, bookstore) : UNKNOWN_STORE;
      windows.add(saleLine(item.purchase, item.eventTime, store, book));
      windows.release(item.eventTime);
    }
    pending = waiting;
  };

  const accept = (record: ContractRecord<Purchase>, now: number): Rejection | undefined => {
    const time = purchaseEventTime(record.value, now);
    if (!time.ok) return { record, reason: time.reason };
    windows.observe(record.partition, time.value, now);
    if (windows.isTooLate(time.value, now)) {
      return { record, reason: `too-late: event time ${new Date(time.value).toISOString()} is beyond the allowed lateness of ${options.allowedLatenessMs / 1000} s` };
    }
    const bookstore = bookstores.get(record.value.bookstore_id);
    const book = books.get(record.value.book_id);
    if (bookstore && book) {
      windows.add(saleLine(record.value, time.value, storeRef(record.value.bookstore_id, bookstore), book));
    } else {
      windows.hold(time.value);
      pending.push({ purchase: record.value, eventTime: time.value, deadline: now + options.unknownStoreWaitMs });
    }
    return undefined;
  };

  const output = (now: number, withPartials: boolean): OutputRecord[] => {
    resolvePending(now);
    const { finals, partials } = windows.collect(now, withPartials);
    return [...finals, ...partials].map((row) => ({ topic: TOPICS.salesPerMinute, key: salesKey(row), value: row }));
  };

  return {
    name: 'sales',
    input: { topic: TOPICS.purchase, schema: purchaseSchema },
    async setup(context) {
      await Promise.all([loadTable(context, bookstores, TOPICS.bookstore, bookstoreSchema), loadTable(context, books, TOPICS.book, bookSchema)]);
      // The watermark waits for every partition that holds data, so a fast one cannot make the others late.
      windows.expectPartitions(await rewindToEarliest(context), Date.now());
      context.logger.info({ bookstores: bookstores.size, books: books.size, allowedLatenessS: options.allowedLatenessMs / 1000 }, 'bookstore catalogue loaded');
    },
    process(records): ProcessResult<Purchase> {
      const now = Date.now();
      const rejected: Rejection[] = [];
      for (const record of records) {
        const rejection = accept(record, now);
        if (rejection) rejected.push(rejection);
      }
      return { outputs: output(now, false), rejected };
    },
    tick: { intervalMs: options.partialEveryMs, run: (now) => ({ outputs: output(now, true) }) },
    close: async () => {
      await Promise.allSettled([bookstores.stop(), books.stop()]);
    },
  };
}

function loadTable<T>(context: ProcessorContext, table: KafkaTable<T>, topic: string, schema: z.ZodType<T>): Promise<void> {
  return table.start({
    kafka: context.kafka,
    topic,
    schema,
    groupId: `processor.sales.${topic}.${context.instanceId}`,
    deadLetters: context.deadLetters,
    stats: context.stats,
    logger: context.logger,
  });
}

/**
 * Window state lives in memory, so a restart that resumed from the committed offsets would
 * rewrite the minutes open at the stop with only their later part. Every start therefore
 * recomputes from the beginning of retention: the outputs are keyed upserts, so writing a
 * minute again with the same figures is harmless. Returns the partitions that hold data.
 */
async function rewindToEarliest(context: ProcessorContext): Promise<number[]> {
  const spans = await rewindGroupToEarliest(context.kafka, processorGroupId('sales'), TOPICS.purchase);
  return spans.filter((span) => span.high > span.low).map((span) => span.partition);
}

function salesOptionsFromConfig(): SalesProcessorOptions {
  const { sales } = getConfig();
  return { allowedLatenessMs: sales.allowedLatenessMs, unknownStoreWaitMs: sales.unknownStoreWaitMs, partialEveryMs: 2_000, idlePartitionMs: 15_000 };
}
