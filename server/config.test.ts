import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the local broker and sensible defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.kafka).toMatchObject({ local: true, brokers: ['127.0.0.1:9092'], ssl: { enabled: false } });
    expect(config.bff).toMatchObject({ host: '127.0.0.1', port: 3000, fleetTickMs: 100, fleetOfflineAfterMs: 30_000 });
    expect(config.simulator).toMatchObject({ cabs: 60, tankers: 40, seed: 42 });
  });

  it('reads a remote cluster with TLS and SCRAM', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'b-1.example:9096,b-2.example:9096',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'user',
      KAFKA_SASL_PASSWORD: 'secret',
    });
    expect(config.kafka).toMatchObject({
      local: false,
      brokers: ['b-1.example:9096', 'b-2.example:9096'],
      ssl: { enabled: true },
      sasl: { mechanism: 'scram-sha-512', username: 'user', password: 'secret' },
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ KAFKA_BROKERS: '', PORT: '' }).bff.port).toBe(3000);
  });

  it('lists every problem at once, naming the variable', () => {
    try {
      loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'no-port', KAFKA_SASL_MECHANISM: 'plain' });
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/KAFKA_BROKERS: a comma-separated list of host:port/);
    }
  });

  it('refuses SASL without credentials and a CA file without TLS', () => {
    expect(() => loadConfig({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required/);
    expect(() => loadConfig({ KAFKA_SSL_CA_FILE: '/tmp/ca.pem' })).toThrow(/KAFKA_SSL is not true/);
  });
});
