import type { Book, Bookstore } from '@/lib/contracts/sales';

import type { Rng } from './random';
import { chance, pick } from './random';

// Real US cities with their states, as a Faker address would read.
const CITIES: readonly (readonly [string, string])[] = [
  ['Seattle', 'Washington'],
  ['Spokane', 'Washington'],
  ['Portland', 'Oregon'],
  ['San Francisco', 'California'],
  ['Los Angeles', 'California'],
  ['San Diego', 'California'],
  ['Sacramento', 'California'],
  ['Phoenix', 'Arizona'],
  ['Tucson', 'Arizona'],
  ['Denver', 'Colorado'],
  ['Boulder', 'Colorado'],
  ['Austin', 'Texas'],
  ['Houston', 'Texas'],
  ['Dallas', 'Texas'],
  ['Chicago', 'Illinois'],
  ['Minneapolis', 'Minnesota'],
  ['Madison', 'Wisconsin'],
  ['Detroit', 'Michigan'],
  ['Ann Arbor', 'Michigan'],
  ['Columbus', 'Ohio'],
  ['Nashville', 'Tennessee'],
  ['Atlanta', 'Georgia'],
  ['Miami', 'Florida'],
  ['Orlando', 'Florida'],
  ['Charlotte', 'North Carolina'],
  ['Raleigh', 'North Carolina'],
  ['Richmond', 'Virginia'],
  ['Baltimore', 'Maryland'],
  ['Philadelphia', 'Pennsylvania'],
  ['Pittsburgh', 'Pennsylvania'],
  ['New York', 'New York'],
  ['Buffalo', 'New York'],
  ['Boston', 'Massachusetts'],
  ['Providence', 'Rhode Island'],
  ['Burlington', 'Vermont'],
  ['Salt Lake City', 'Utah'],
  ['Albuquerque', 'New Mexico'],
  ['New Orleans', 'Louisiana'],
  ['Kansas City', 'Missouri'],
  ['St. Louis', 'Missouri'],
  ['Omaha', 'Nebraska'],
];

const STORE_FIRST = ['Paper', 'Ink', 'Chapter', 'Lantern', 'Quill', 'Owl', 'Maple', 'Harbor', 'Cedar', 'Prairie', 'Moon', 'Copper'];
const STORE_LAST = ['Books', 'Bookshop', 'Booksellers', 'Reads', 'Book Exchange', 'Pages', 'Bookhouse', 'Book Co.'];

const GENRES = [
  'Fiction',
  'Mystery',
  'Thriller',
  'Science Fiction',
  'Fantasy',
  'Romance',
  'Horror',
  'Historical Fiction',
  'Biography',
  'Poetry',
  'Fable',
  'Classic',
  'Humor',
  'Short Story',
];
const TITLE_ADJ = [
  'Silent',
  'Golden',
  'Broken',
  'Hidden',
  'Last',
  'Crimson',
  'Distant',
  'Wild',
  'Forgotten',
  'Burning',
  'Glass',
  'Winter',
  'Secret',
  'Endless',
  'Little',
];
const TITLE_NOUN = [
  'River',
  'Garden',
  'Kingdom',
  'Mirror',
  'Harvest',
  'Shore',
  'Empire',
  'Orchard',
  'Lighthouse',
  'Storm',
  'Station',
  'Archive',
  'Island',
  'Forest',
  'Letters',
];
const TITLE_PLACE = ['the Night', 'the North', 'Tomorrow', 'Summer', 'the Sea', 'Ashes', 'Stars', 'the Valley', 'Silence', 'Dust'];
const AUTHOR_FIRST = ['Ava', 'Noah', 'Emma', 'Liam', 'Olivia', 'Elijah', 'Maya', 'James', 'Grace', 'Lucas', 'Nora', 'Henry', 'Zoe', 'Samuel', 'Iris', 'Ezra'];
const AUTHOR_LAST = [
  'Whitaker',
  'Okafor',
  'Lindqvist',
  'Moreno',
  'Castellano',
  'Haddad',
  'Pemberton',
  'Nakamura',
  'Brennan',
  'Delacroix',
  'Ferris',
  'Ashby',
  'Kowalski',
  'Ramirez',
  'Thorne',
];

export function bookstoreRecord(rng: Rng): Bookstore {
  const [city, state] = pick(rng, CITIES);
  const name = chance(rng, 0.25) ? `${city} ${pick(rng, STORE_LAST)}` : `${pick(rng, STORE_FIRST)} & ${pick(rng, STORE_FIRST)} ${pick(rng, STORE_LAST)}`;
  return { name, city, state };
}

export function bookRecord(rng: Rng): Book {
  return { title: bookTitle(rng), genre: pick(rng, GENRES), author: `${pick(rng, AUTHOR_FIRST)} ${pick(rng, AUTHOR_LAST)}` };
}

function bookTitle(rng: Rng): string {
  const draw = rng();
  if (draw < 0.4) return `The ${pick(rng, TITLE_ADJ)} ${pick(rng, TITLE_NOUN)}`;
  if (draw < 0.7) return `${pick(rng, TITLE_NOUN)} of ${pick(rng, TITLE_PLACE)}`;
  return `A ${pick(rng, TITLE_ADJ)} ${pick(rng, TITLE_NOUN)} for ${pick(rng, TITLE_PLACE)}`;
}
