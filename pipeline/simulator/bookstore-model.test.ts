import { describe, expect, it } from 'vitest';

import { bookSchema, bookstoreSchema, purchaseSchema } from '@/lib/contracts/sales';

import type { PurchaseRecord } from './bookstore-model';
import { createBookstoreModel } from './bookstore-model';
import { JAVA_ZONES } from './java-date';

const NOW = Date.UTC(2026, 10, 22, 14, 3, 27);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const JAVA_DATE = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (\w{3}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([A-Z]{3,4}) (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OFFSETS: Record<string, number> = { UTC: 0, ...Object.fromEntries(JAVA_ZONES.map((zone) => [zone.abbreviation, zone.offsetMin])) };

/** What a consumer must do with the three timestamp forms; here to check the generator writes them right. */
function eventTime(timestamp: string): number {
  if (/^\d+$/.test(timestamp)) return Number(timestamp);
  const java = JAVA_DATE.exec(timestamp);
  if (!java) return Date.parse(timestamp);
  const [, , month, day, hours, minutes, seconds, zone, year] = java;
  const local = Date.UTC(Number(year), MONTHS.indexOf(month ?? ''), Number(day), Number(hours), Number(minutes), Number(seconds));
  return local - (OFFSETS[zone ?? ''] ?? NaN) * 60_000;
}

function purchases(seed: number, seconds: number): PurchaseRecord[] {
  const model = createBookstoreModel(seed, 50);
  return Array.from({ length: seconds * 10 }, (_, i) => model.tick(NOW + i * 100, 0.1).purchases.map((p) => p.value)).flat();
}

describe('bookstore model', () => {
  it('writes about 25 stores and 300 books keyed by v4 UUIDs', () => {
    const { bookstores, books } = createBookstoreModel(1, 2).initial();
    expect(bookstores).toHaveLength(25);
    expect(books).toHaveLength(300);
    for (const store of bookstores) expect(bookstoreSchema.parse(store.value)).toEqual(store.value);
    for (const book of books) expect(bookSchema.parse(book.value)).toEqual(book.value);
    expect([...bookstores, ...books].every((record) => UUID.test(record.key))).toBe(true);
    expect(new Set(books.map((book) => book.key)).size).toBe(300);
  });

  it('is deterministic for a seed', () => {
    expect(createBookstoreModel(5, 2).initial()).toEqual(createBookstoreModel(5, 2).initial());
    expect(purchases(5, 10)).toEqual(purchases(5, 10));
    expect(purchases(6, 10)).not.toEqual(purchases(5, 10));
  });

  it('gives every run fresh purchase ids, while the seed still fixes the purchases themselves', () => {
    const run = () => {
      const model = createBookstoreModel(5, 50);
      return Array.from({ length: 20 }, (_, i) => model.tick(NOW + i * 100, 0.1).purchases).flat();
    };
    const [first, restarted] = [run(), run()];
    expect(first.length).toBeGreaterThan(50);
    expect(restarted.map((p) => p.value)).toEqual(first.map((p) => p.value));
    const ids = new Set([...first, ...restarted].map((p) => p.key));
    expect(ids.size).toBe(first.length + restarted.length);
    for (const id of ids) expect(id).toMatch(UUID);
  });

  it('writes purchases exactly as the MSK Data Generator: every field a string', () => {
    const model = createBookstoreModel(3, 50);
    const { bookstores, books } = model.initial();
    const storeIds = new Set(bookstores.map((store) => store.key));
    const bookIds = new Set(books.map((book) => book.key));
    const batch = model.tick(NOW, 2).purchases;
    expect(batch.length).toBeGreaterThan(50);
    for (const { key, value } of batch) {
      expect(key).toMatch(UUID);
      expect(Object.keys(value).sort()).toEqual(['book_id', 'bookstore_id', 'customer', 'quantity', 'timestamp', 'unit_price']);
      expect(Object.values(value).every((field) => typeof field === 'string')).toBe(true);
      expect(purchaseSchema.safeParse(value).success).toBe(true);
      expect(storeIds.has(value.bookstore_id) && bookIds.has(value.book_id)).toBe(true);
      expect(Number(value.quantity)).toBeGreaterThanOrEqual(1);
      expect(Number(value.quantity)).toBeLessThanOrEqual(5);
      expect(Number(value.unit_price)).toBeGreaterThanOrEqual(10);
      expect(Number(value.unit_price)).toBeLessThanOrEqual(75);
    }
  });

  it('stamps events up to 10 s before they are written, mostly as Java Date text', () => {
    const all = purchases(9, 60);
    const forms = { utc: 0, otherZone: 0, iso: 0, epoch: 0 };
    for (const { timestamp } of all) {
      const java = JAVA_DATE.exec(timestamp);
      if (java) forms[java[7] === 'UTC' ? 'utc' : 'otherZone']++;
      else if (/^\d+$/.test(timestamp)) forms.epoch++;
      else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(timestamp)) forms.iso++;
      else throw new Error(`unexpected timestamp form: ${timestamp}`);
    }
    expect(forms.utc).toBeGreaterThan(all.length / 2);
    expect(Math.min(forms.otherZone, forms.iso, forms.epoch)).toBeGreaterThan(0);
    // Written during one minute from NOW, each at most 10 s late (Java text has second precision).
    for (const { timestamp } of all) {
      const ts = eventTime(timestamp);
      expect(ts).toBeGreaterThanOrEqual(NOW - 11_000);
      expect(ts).toBeLessThanOrEqual(NOW + 60_000);
    }
  });

  it('grows the catalogue now and then', () => {
    const model = createBookstoreModel(4, 1);
    let newBooks = 0;
    for (let minute = 0; minute < 60; minute++) newBooks += model.tick(NOW + minute * 60_000, 60).books.length;
    expect(newBooks).toBeGreaterThan(5);
  });
});
