import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { kafkaOptions } from './client';
import { loadKafkaSettings } from './settings';

describe('kafkaOptions', () => {
  it('connects in plain text to the local broker by default', () => {
    const options = kafkaOptions(loadKafkaSettings({}).kafka, 'test');
    expect(options).toMatchObject({ brokers: ['127.0.0.1:9092'], ssl: false, sasl: undefined, clientId: 'fleetwatch-test' });
  });

  it('trusts a custom certificate authority and sends SCRAM credentials', () => {
    const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'ca.pem');
    fs.writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const options = kafkaOptions(
      loadKafkaSettings({
        KAFKA_BROKERS: 'kafka.internal:9096',
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: caFile,
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'svc',
        KAFKA_SASL_PASSWORD: 'pw',
      }).kafka,
      'test',
    );
    expect(options.ssl).toEqual({ rejectUnauthorized: true, ca: [fs.readFileSync(caFile, 'utf8')] });
    expect(options.sasl).toEqual({ mechanism: 'scram-sha-256', username: 'svc', password: 'pw' });
  });

  it('uses OAUTHBEARER with a token provider for Amazon MSK IAM', () => {
    const options = kafkaOptions(
      loadKafkaSettings({ KAFKA_BROKERS: 'b-1.msk:9098', KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'aws-msk-iam', AWS_REGION: 'eu-west-1' }).kafka,
      'test',
    );
    expect(options.sasl).toMatchObject({ mechanism: 'oauthbearer', oauthBearerProvider: expect.any(Function) });
  });
});
