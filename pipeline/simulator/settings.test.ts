import { describe, expect, it } from 'vitest';

import { ConfigError } from '@/platform/env';

import { loadSimulatorSettings } from './settings';

describe('loadSimulatorSettings', () => {
  it('needs no setting at all: the local broker and the SIM_* defaults, no auth or demo mode', () => {
    const settings = loadSimulatorSettings({});
    expect(settings.kafka).toMatchObject({ local: true, brokers: ['127.0.0.1:9092'] });
    expect(settings.simulator).toMatchObject({ cabs: 60, tankers: 40, seed: 42 });
  });

  it('ignores the BFF settings, valid or not, and checks its own', () => {
    expect(loadSimulatorSettings({ AUTH_SECRET: 'short', PORT: 'eighty', KAFKA_BROKERS: 'k:9092' }).kafka.brokers).toEqual(['k:9092']);
    expect(() => loadSimulatorSettings({ SIM_CABS: '0', SIM_TANKERS: '0' })).toThrow(/at least one vehicle/);
    expect(() => loadSimulatorSettings({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(ConfigError);
  });
});
