import type { Admin, Consumer, Kafka } from 'kafkajs';

/**
 * An independent recomputation of sales per minute from the raw `purchase` topic, for the
 * integration test to hold the product's figures against. It shares no code with the processor:
 * its own consumer, its own reading of the three timestamp forms, integer cents.
 */

const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  CET: 60,
  CEST: 120,
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function oracleEventTime(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(raw)) return Date.parse(raw);
  const java = /^\w{3} (\w{3}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) (\w+) (\d{4})$/.exec(raw);
  const offset = java ? ZONES[java[6] ?? ''] : undefined;
  if (!java || offset === undefined) return undefined;
  const [, month, day, h, m, s, , year] = java;
  return Date.UTC(Number(year), MONTHS.indexOf(month ?? ''), Number(day), Number(h), Number(m), Number(s)) - offset * 60_000;
}

/** `java.util.Date#toString()` in a zone, as the MSK Data Generator's JVM prints it. */
export function javaText(epochMs: number, zone: keyof typeof ZONES = 'UTC'): string {
  const local = new Date(epochMs + (ZONES[zone] ?? 0) * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[local.getUTCDay()]} ${MONTHS[local.getUTCMonth()]} ${p(local.getUTCDate())} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} ${zone} ${local.getUTCFullYear()}`;
}

export interface OracleTotals {
  orders: number;
  units: number;
  cents: number;
}

export class SalesOracle {
  readonly knownStores = new Set<string>();
  maxEventTime = 0;
  private readonly purchases: { bookstoreId: string; minute: number; writtenAt: number; totals: OracleTotals }[] = [];
  private readonly consumed = new Map<string, bigint>();
  /** Kafka delivers at least once (a rebalance while the group forms replays a batch): each offset counts once. */
  private readonly seen = new Set<string>();
  duplicates = 0;
  /** A purchase id written again (a producer retry, same bytes at a new offset) is one purchase, as the issue asks of the job. */
  private readonly purchaseIds = new Set<string>();
  retries = 0;
  private readonly consumers: Consumer[] = [];

  constructor(private readonly kafka: Kafka) {}

  async start(): Promise<void> {
    await this.follow('bookstore', (key) => key && this.knownStores.add(key));
    await this.follow('purchase', (key, value, where, writtenAt) => {
      if (this.seen.has(where)) this.duplicates += 1;
      else if (key !== undefined && this.purchaseIds.has(key)) {
        this.seen.add(where);
        this.retries += 1;
      } else {
        this.seen.add(where);
        if (key !== undefined) this.purchaseIds.add(key);
        this.purchase(value, writtenAt);
      }
    });
  }

  /** Waits until every partition of both topics is read up to its end as of now. */
  async caughtUp(admin: Admin, timeoutMs = 20_000): Promise<void> {
    const ends = [...(await this.ends(admin, 'bookstore')), ...(await this.ends(admin, 'purchase'))];
    const deadline = Date.now() + timeoutMs;
    while (ends.some(([id, end]) => (this.consumed.get(id) ?? 0n) < end)) {
      if (Date.now() > deadline) throw new Error('the oracle did not catch up with the purchase topic');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Totals per bookstore of one minute. A purchase whose store never appeared on `bookstore`
   * counts under `unknown`, as the issue asks of the processor.
   */
  minute(windowStart: number): Map<string, OracleTotals> {
    const result = new Map<string, OracleTotals>();
    for (const purchase of this.purchases) {
      if (purchase.minute !== windowStart) continue;
      const id = this.knownStores.has(purchase.bookstoreId) ? purchase.bookstoreId : 'unknown';
      const totals = result.get(id) ?? { orders: 0, units: 0, cents: 0 };
      totals.orders += purchase.totals.orders;
      totals.units += purchase.totals.units;
      totals.cents += purchase.totals.cents;
      result.set(id, totals);
    }
    return result;
  }

  /** Every minute with at least one purchase written to Kafka at or after `writtenSince`, oldest first. */
  minuteStarts(writtenSince = 0): number[] {
    return [...new Set(this.purchases.filter((purchase) => purchase.writtenAt >= writtenSince).map((purchase) => purchase.minute))].sort((a, b) => a - b);
  }

  /** The newest minute holding a purchase written to Kafka before `writtenBefore`, or -Infinity. */
  newestMinuteWrittenBefore(writtenBefore: number): number {
    return this.purchases.reduce((newest, purchase) => (purchase.writtenAt < writtenBefore ? Math.max(newest, purchase.minute) : newest), -Infinity);
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.consumers.map((consumer) => consumer.disconnect()));
  }

  private purchase(value: string, writtenAt: number): void {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(value) as Record<string, unknown>;
    } catch {
      return;
    }
    const time = oracleEventTime(parsed.timestamp);
    const quantity = Number(parsed.quantity);
    const price = Number(parsed.unit_price);
    if (time === undefined || Number.isNaN(time) || !Number.isInteger(quantity) || !Number.isFinite(price) || typeof parsed.bookstore_id !== 'string') return;
    this.maxEventTime = Math.max(this.maxEventTime, time);
    this.purchases.push({
      bookstoreId: parsed.bookstore_id,
      minute: time - (time % 60_000),
      writtenAt,
      totals: { orders: 1, units: quantity, cents: Math.round(quantity * price * 100) },
    });
  }

  private async follow(topic: string, onMessage: (key: string | undefined, value: string, where: string, writtenAt: number) => void): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `test-sales-oracle-${topic}-${Date.now()}`, maxWaitTimeInMs: 100 });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (message.value) onMessage(message.key?.toString(), message.value.toString(), `${partition}/${message.offset}`, Number(message.timestamp));
        this.consumed.set(`${topic}/${partition}`, BigInt(message.offset) + 1n);
      },
    });
  }

  private async ends(admin: Admin, topic: string): Promise<[string, bigint][]> {
    return (await admin.fetchTopicOffsets(topic)).map((p) => [`${topic}/${p.partition}`, BigInt(p.high)] as [string, bigint]);
  }
}
