import { randomBytes } from 'node:crypto';

import { hashPassword, hashToken } from '../server/auth/passwords';

/**
 * `npm run auth -- hash-password <name> <role> <password>` and
 * `npm run auth -- new-token <name> <role>`: print AUTH_USERS / AUTH_API_TOKENS entries, so no
 * plain password or token ever goes into a setting.
 */
const ROLES = ['fleet', 'security', 'platform', 'admin'];
const [command, name, role, password] = process.argv.slice(2);

function usage(): never {
  console.error(
    'usage: npm run auth -- hash-password <name> <role> <password>\n       npm run auth -- new-token <name> <role>\n       npm run auth -- new-secret',
  );
  console.error(`roles: ${ROLES.join(', ')}`);
  process.exit(2);
}

if (command === 'new-secret') {
  console.log(`AUTH_SECRET=${randomBytes(33).toString('base64')}`);
} else if (!name || !role || !ROLES.includes(role) || !/^[\w.@-]+$/.test(name)) {
  usage();
} else if (command === 'hash-password' && password) {
  console.log(`AUTH_USERS entry (join several with commas):\n${name}:${role}:${hashPassword(password)}`);
} else if (command === 'new-token') {
  const token = randomBytes(24).toString('base64url');
  console.log(`token (give it to the client; it is not stored anywhere): ${token}`);
  console.log(`AUTH_API_TOKENS entry (join several with commas):\n${name}:${role}:${hashToken(token)}`);
} else {
  usage();
}
