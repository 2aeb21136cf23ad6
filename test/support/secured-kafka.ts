import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { LocalKafka } from '../../infra/local-kafka';
import { resetLocalKafka, startLocalKafka } from '../../infra/local-kafka';
import type { SecuredListeners } from '../../infra/local-kafka-config';
import { ROOT } from '../../scripts/lib/stack';

import { TEST_KAFKA_PORT } from './test-kafka';

/** Accounts the secured broker knows; tests connect as a deployment would, with one of them. */
export const KAFKA_USERS = {
  plain: { username: 'bff-plain', password: 'plain-secret-1' },
  scram: { username: 'sim-scram', password: 'scram-secret-1' },
} as const;

export interface SecuredKafka extends LocalKafka {
  /** PEM of the certificate authority made for this run: what KAFKA_SSL_CA_FILE points at. */
  caFile: string;
  sslBrokers: string;
  saslSslBrokers: string;
}

/**
 * A second broker for the TLS and SASL tests, beside the suite's plaintext one: its own ports
 * (TEST_KAFKA_PORT + 20 … + 23) and data folder, a certificate authority made with openssl for
 * this run, SASL/PLAIN users in its config and SCRAM-SHA-512 users in its metadata.
 */
export async function startSecuredKafka(onProgress: (line: string) => void = () => undefined): Promise<SecuredKafka> {
  const port = TEST_KAFKA_PORT + 20;
  const dataDir = path.join(ROOT, '.data', `kafka-secured-${port}`);
  await resetLocalKafka(dataDir);
  const certDir = path.join(dataDir, 'certs');
  const { caFile, keystorePemFile } = makeCertificates(certDir);
  const secured: SecuredListeners = {
    sslPort: port + 2,
    saslSslPort: port + 3,
    keystorePemFile,
    plainUsers: { [KAFKA_USERS.plain.username]: KAFKA_USERS.plain.password },
    scramUsers: { [KAFKA_USERS.scram.username]: KAFKA_USERS.scram.password },
  };
  const broker = await startLocalKafka({ port, dataDir, secured, onProgress });
  return { ...broker, caFile, sslBrokers: `127.0.0.1:${secured.sslPort}`, saslSslBrokers: `127.0.0.1:${secured.saslSslPort}` };
}

/** A CA and a broker certificate for 127.0.0.1 and localhost signed by it; only the CA is to be trusted. */
function makeCertificates(dir: string): { caFile: string; keystorePemFile: string } {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=fleetwatch test CA');
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file('broker.key'));
  openssl('req', '-new', '-key', file('broker.key'), '-out', file('broker.csr'), '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl(
    'x509',
    '-req',
    '-in',
    file('broker.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('broker.pem'),
    '-days',
    '2',
    '-extfile',
    file('san.ext'),
  );
  // Kafka's PEM key store: the private key, then the chain from the broker's certificate up.
  const keystorePemFile = file('broker-keystore.pem');
  fs.writeFileSync(keystorePemFile, [file('broker.key'), file('broker.pem'), file('ca.pem')].map((name) => fs.readFileSync(name, 'utf8')).join(''));
  return { caFile: file('ca.pem'), keystorePemFile };
}
