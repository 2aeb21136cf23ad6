import type { Rng } from './random';
import { intBetween, pick } from './random';

const FIRST_NAMES = [
  'Jan',
  'Pieter',
  'Kees',
  'Henk',
  'Mohamed',
  'Ahmed',
  'Youssef',
  'Sven',
  'Daan',
  'Bram',
  'Lars',
  'Ruben',
  'Thijs',
  'Joost',
  'Mehmet',
  'Emre',
  'Sanne',
  'Anouk',
  'Fleur',
  'Lotte',
  'Eva',
  'Iris',
  'Fatima',
  'Noor',
  'Esther',
  'Marieke',
  'Ingrid',
  'Kevin',
  'Dennis',
  'Rachid',
  'Priya',
  'Wim',
  'Gerrit',
  'Ayşe',
  'Tom',
  'Linda',
];

const SURNAMES = [
  'de Vries',
  'Jansen',
  'de Jong',
  'van Dijk',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Yılmaz',
  'El Amrani',
  'Kaya',
  'Boukhari',
  'van der Berg',
  'Kok',
  'Jacobs',
  'van den Heuvel',
  'Verbeek',
  'Willems',
];

// Dutch plates use consonants only, without C and Q (and vowels), in "sidecode" patterns.
const PLATE_LETTERS = 'BDFGHJKLNPRSTVXZ';
const PLATE_PATTERNS = ['99-LLL-9', '9-LLL-99', 'LL-999-L', 'L-999-LL', 'LLL-99-L', '99-LL-LL'];
// Heavy goods vehicles carry a B first letter (BT-, BX-...).
const TRUCK_PATTERNS = ['BL-999-L', 'BL-99-LL', '99-BLL-9'];

export function personName(rng: Rng): string {
  return `${pick(rng, FIRST_NAMES)} ${pick(rng, SURNAMES)}`;
}

export function dutchPlate(rng: Rng, truck: boolean): string {
  const pattern = pick(rng, truck ? TRUCK_PATTERNS : PLATE_PATTERNS);
  return pattern.replace(/[L9]/g, (slot) => (slot === 'L' ? pick(rng, [...PLATE_LETTERS]) : String(intBetween(rng, 0, 9))));
}

/** A login name as Java Faker's `Name.username` writes it ("jan.devries", "jdevries42"). */
export function username(rng: Rng): string {
  const first = asciiLower(pick(rng, FIRST_NAMES));
  const last = asciiLower(pick(rng, SURNAMES));
  const form = intBetween(rng, 0, 2);
  if (form === 0) return `${first}.${last}`;
  if (form === 1) return `${first.charAt(0)}${last}`;
  return `${first}${intBetween(rng, 1, 99)}`;
}

function asciiLower(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
