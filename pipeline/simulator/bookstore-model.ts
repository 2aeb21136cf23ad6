import { randomUUID } from 'node:crypto';

import type { Book, Bookstore } from '@/lib/contracts/sales';

import { bookRecord, bookstoreRecord } from './bookstore-catalog';
import { purchaseTimestamp } from './java-date';
import { username } from './names';
import type { Rng } from './random';
import { between, chance, deriveSeed, intBetween, itemAt, mulberry32, poisson, uuidV4, weightedIndex } from './random';

export interface Keyed<T> {
  key: string;
  value: T;
}

/** A purchase exactly as the MSK Data Generator writes it: every field a string. */
export interface PurchaseRecord {
  book_id: string;
  bookstore_id: string;
  customer: string;
  quantity: string;
  unit_price: string;
  timestamp: string;
}

export interface BookstoreBatch {
  purchases: Keyed<PurchaseRecord>[];
  bookstores: Keyed<Bookstore>[];
  books: Keyed<Book>[];
}

export interface BookstoreModel {
  /** The catalogue written at start: ~25 stores and ~300 books. */
  initial(): Omit<BookstoreBatch, 'purchases'>;
  /** What is written during `wallDtS` seconds of wall time, with event times on the simulated clock. */
  tick(simNowMs: number, wallDtS: number): BookstoreBatch;
}

const STORES = 25;
const BOOKS = 300;
// The generator's "date in the past 10 seconds".
const MAX_LATENESS_MS = 10_000;
// Catalogue growth: a new book every couple of minutes, a new store every quarter of an hour.
const NEW_BOOK_PER_S = 1 / 120;
const NEW_STORE_PER_S = 1 / 900;

/**
 * The seed fixes the stores, books and the shape of the purchases, so a run is reproducible; the
 * purchase ids are drawn fresh every run instead, because a restarted simulator that re-issued
 * its earlier ids would look to the sales job like producer retries of old purchases (counted once).
 */
export function createBookstoreModel(seed: number, purchasesPerS: number, newPurchaseId: () => string = randomUUID): BookstoreModel {
  const rng = mulberry32(deriveSeed(seed, 'bookstore'));
  const stores: Keyed<Bookstore>[] = [];
  // Some stores sell far more than others, as real shops do.
  const storeWeights: number[] = [];
  const books: Keyed<Book>[] = [];
  const addStore = (): Keyed<Bookstore> => {
    const store = { key: uuidV4(rng), value: bookstoreRecord(rng) };
    stores.push(store);
    storeWeights.push(between(rng, 0.3, 3));
    return store;
  };
  const addBook = (): Keyed<Book> => {
    const book = { key: uuidV4(rng), value: bookRecord(rng) };
    books.push(book);
    return book;
  };
  for (let i = 0; i < STORES; i++) addStore();
  for (let i = 0; i < BOOKS; i++) addBook();
  const initial = { bookstores: [...stores], books: [...books] };
  return {
    initial: () => initial,
    tick(simNowMs, wallDtS) {
      const batch: BookstoreBatch = { purchases: [], bookstores: [], books: [] };
      // Purchases draw from the catalogue as it was before this tick: a new key is on its topic first.
      const count = poisson(rng, purchasesPerS * wallDtS);
      for (let i = 0; i < count; i++) batch.purchases.push({ key: newPurchaseId(), value: purchase(rng, simNowMs, stores, storeWeights, books) });
      if (chance(rng, NEW_STORE_PER_S * wallDtS)) batch.bookstores.push(addStore());
      if (chance(rng, NEW_BOOK_PER_S * wallDtS)) batch.books.push(addBook());
      return batch;
    },
  };
}

function purchase(rng: Rng, simNowMs: number, stores: Keyed<Bookstore>[], storeWeights: number[], books: Keyed<Book>[]): PurchaseRecord {
  const eventMs = simNowMs - Math.floor(rng() * MAX_LATENESS_MS);
  return {
    book_id: itemAt(books, intBetween(rng, 0, books.length - 1)).key,
    bookstore_id: itemAt(stores, weightedIndex(rng, storeWeights)).key,
    customer: username(rng),
    quantity: String(intBetween(rng, 1, 5)),
    unit_price: String(intBetween(rng, 10, 75)),
    timestamp: purchaseTimestamp(rng, eventMs),
  };
}
