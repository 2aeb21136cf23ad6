import { describe, expect, it } from 'vitest';

import { explainKafkaError } from './errors';
import { loadKafkaSettings } from './settings';

describe('explainKafkaError', () => {
  const scram = loadKafkaSettings({
    KAFKA_BROKERS: 'k:9096',
    KAFKA_SSL: 'true',
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: 'svc',
    KAFKA_SASL_PASSWORD: 'x',
  }).kafka;

  it('names the user, the mechanism and the settings to check when the broker refuses the credentials', () => {
    const error = Object.assign(new Error('SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials'), {
      name: 'KafkaJSSASLAuthenticationError',
    });
    expect(explainKafkaError(error, scram)).toMatch(
      /^Kafka at k:9096 refused user "svc" \(SASL SCRAM-SHA-512\): check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    );
  });

  it('points at KAFKA_SSL_CA_FILE when the certificate is not trusted', () => {
    expect(explainKafkaError(new Error('self-signed certificate in certificate chain'), scram)).toMatch(/not trusted: set KAFKA_SSL_CA_FILE/);
  });

  it('keeps any other message, with the brokers', () => {
    expect(explainKafkaError(new Error('Connection timeout'), scram)).toBe('Kafka at k:9096: Connection timeout');
  });
});
