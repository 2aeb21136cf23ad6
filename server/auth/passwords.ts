import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes as `scrypt$<salt>$<hash>` (base64url): no `:` or `,`, so they fit in the
 * AUTH_USERS setting. `npm run auth -- hash-password` prints one.
 */
const KEY_LENGTH = 32;

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  return `scrypt$${salt.toString('base64url')}$${scryptSync(password, salt, KEY_LENGTH).toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length);
  return expected.length === KEY_LENGTH && timingSafeEqual(actual, expected);
}

export function isPasswordHash(value: string): boolean {
  return /^scrypt\$[\w-]{16,}\$[\w-]{40,}$/.test(value);
}

/** API tokens are stored as SHA-256 hex: a leaked setting does not leak the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Each token list's entries by hash, built once per list (the configuration's list lives as long as the process). */
const tokenIndexes = new WeakMap<readonly { tokenHash: string }[], Map<string, { tokenHash: string }>>();

/**
 * The entry for a presented token: the token is hashed once and its hash looked up. Comparing it
 * with every entry in turn hashed it once per entry, so a list of 500 tokens cost 500 hashes per
 * request and per socket recheck: 5,000 token sockets held the event loop for seconds every
 * SESSION_RECHECK_S. Looking up by hash leaks at most when a hash matched, which does not help to
 * find a token that hashes to it.
 */
export function findToken<T extends { tokenHash: string }>(token: string, entries: readonly T[]): T | undefined {
  let index = tokenIndexes.get(entries);
  if (!index) {
    index = new Map();
    // The first entry for a hash wins, as the comparison in turn did.
    for (const entry of [...entries].reverse()) index.set(entry.tokenHash.toLowerCase(), entry);
    tokenIndexes.set(entries, index);
  }
  return index.get(hashToken(token)) as T | undefined;
}
