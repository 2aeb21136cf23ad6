import { describe, expect, it } from 'vitest';

import { hashPassword, hashToken } from './auth/passwords';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the local broker and sensible defaults in demo mode', () => {
    const config = loadConfig({ DEMO_MODE: 'true' });
    expect(config.kafka).toMatchObject({ local: true, brokers: ['127.0.0.1:9092'], ssl: { enabled: false } });
    expect(config.bff).toMatchObject({ host: '127.0.0.1', port: 3000, fleetTickMs: 30, fleetOfflineAfterMs: 30_000 });
  });

  it('reads the fleet view settings, and refuses a tile URL without {z}/{x}/{y}', () => {
    const config = loadConfig({
      DEMO_MODE: 'true',
      FLEET_DELAYED_AFTER_S: '8',
      FLEET_FROZEN_GPS_AFTER_S: '20',
      FLEET_MAP_STYLE_URL: 'https://tiles.example/styles/dark.json',
    });
    expect(config.bff).toMatchObject({ fleetDelayedAfterMs: 8_000, fleetFrozenGpsAfterMs: 20_000, fleetMapStyleUrl: 'https://tiles.example/styles/dark.json' });
    expect(loadConfig({ DEMO_MODE: 'true' }).bff).toMatchObject({ fleetDelayedAfterMs: 5_000, fleetFrozenGpsAfterMs: 10_000, fleetMapStyleUrl: undefined });
    expect(() => loadConfig({ DEMO_MODE: 'true', FLEET_MAP_STYLE_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
  });

  it('reads the sales currency, USD by default, and refuses a code that is no currency', () => {
    expect(loadConfig({ DEMO_MODE: 'true' }).sales.currency).toBe('USD');
    expect(loadConfig({ DEMO_MODE: 'true', SALES_CURRENCY: 'eur' }).sales.currency).toBe('EUR');
    expect(() => loadConfig({ DEMO_MODE: 'true', SALES_CURRENCY: 'DOLLARS' })).toThrow(/SALES_CURRENCY/);
  });

  it('reads ALERTS_AUTO_RESOLVE per team and kind, off by default, and refuses a pair it cannot read', () => {
    expect(loadConfig({ DEMO_MODE: 'true' }).alertAutoResolve.size).toBe(0);
    expect([...loadConfig({ DEMO_MODE: 'true', ALERTS_AUTO_RESOLVE: 'platform:consumer-lag=10' }).alertAutoResolve]).toEqual([
      ['platform:consumer-lag', 600_000],
    ]);
    expect(() => loadConfig({ DEMO_MODE: 'true', ALERTS_AUTO_RESOLVE: 'platform:lag=10' })).toThrow(/ALERTS_AUTO_RESOLVE.*platform:lag=10/s);
  });

  it('reads the time-travel settings, with fleet.vehicle-state kept 7 days by default, and refuses a lookback beyond retention', () => {
    const config = loadConfig({ DEMO_MODE: 'true' });
    expect(config.replay).toEqual({
      maxSessions: 4,
      lookbackMs: 120_000,
      snapshotIntervalMs: 5_000,
      maxRecords: 2_000_000,
      alertLookbackMs: 24 * 3_600_000,
      retentionMs: 7 * 24 * 3_600_000,
      stepCacheBytes: 128 * 1024 * 1024,
      stepCacheAfterMs: 60_000,
      trip: { maxPoints: 2_000, maxFixes: 200_000, stopMinMs: 120_000 },
    });
    expect(loadConfig({ DEMO_MODE: 'true', REPLAY_STEP_CACHE_MB: '0' }).replay.stepCacheBytes).toBe(0);
    expect(() => loadConfig({ DEMO_MODE: 'true', REPLAY_STEP_CACHE_MB: '-1' })).toThrow(/REPLAY_STEP_CACHE_MB/);
    expect(loadConfig({ DEMO_MODE: 'true', TRIP_STOP_MIN_S: '60' }).replay.trip.stopMinMs).toBe(60_000);
    expect(() => loadConfig({ DEMO_MODE: 'true', TRIP_MAX_POINTS: '1' })).toThrow(/TRIP_MAX_POINTS/);
    expect(config.kafka.vehicleStateRetentionMs).toBe(7 * 24 * 3_600_000);
    expect(loadConfig({ DEMO_MODE: 'true', FLEET_STATE_RETENTION_H: '6', REPLAY_MAX_SESSIONS: '2' }).replay).toMatchObject({
      maxSessions: 2,
      retentionMs: 6 * 3_600_000,
    });
    expect(() => loadConfig({ DEMO_MODE: 'true', FLEET_STATE_RETENTION_H: '0.01', REPLAY_LOOKBACK_S: '600' })).toThrow(/REPLAY_LOOKBACK_S/);
    expect(() => loadConfig({ DEMO_MODE: 'true', REPLAY_MAX_SESSIONS: '0' })).toThrow(ConfigError);
  });

  it('reads a remote cluster with TLS and SCRAM', () => {
    const config = loadConfig({
      DEMO_MODE: 'true',
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

  it('reads Amazon MSK IAM, which needs a region and TLS but no password', () => {
    const config = loadConfig({
      DEMO_MODE: 'true',
      KAFKA_BROKERS: 'b-1.msk:9098',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'aws-msk-iam',
      AWS_REGION: 'eu-west-1',
    });
    expect(config.kafka.sasl).toEqual({ mechanism: 'aws-msk-iam', region: 'eu-west-1' });
    expect(() => loadConfig({ DEMO_MODE: 'true', KAFKA_SASL_MECHANISM: 'aws-msk-iam' })).toThrow(/AWS_REGION is required/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DEMO_MODE: 'true', KAFKA_BROKERS: '', PORT: '' }).bff.port).toBe(3000);
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
    expect(() => loadConfig({ DEMO_MODE: 'true', KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required/);
    expect(() => loadConfig({ DEMO_MODE: 'true', KAFKA_SSL_CA_FILE: '/tmp/ca.pem' })).toThrow(/KAFKA_SSL is not true/);
  });

  it('refuses to start outside demo mode without a secret and a way to sign in, and says why', () => {
    expect(() => loadConfig({})).toThrow(/AUTH_SECRET is required outside demo mode/);
    expect(() => loadConfig({})).toThrow(/no way to sign in: set AUTH_USERS/);
    expect(() => loadConfig({ AUTH_SECRET: 'x'.repeat(40), AUTH_USERS: 'ann:fleet:plaintext' })).toThrow(/AUTH_USERS: name:role:scrypt-hash/);
  });

  it('reads local users and API tokens as hashes, and has no demo accounts outside demo mode', () => {
    const hash = hashPassword('s3cret');
    const config = loadConfig({
      AUTH_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://fleet.example',
      AUTH_USERS: `ann:fleet:${hash}`,
      AUTH_API_TOKENS: `ci:platform:${hashToken('t0ken')}`,
    });
    expect(config.auth.users).toEqual([{ name: 'ann', role: 'fleet', passwordHash: hash }]);
    expect(config.auth.apiTokens.map((t) => [t.name, t.role])).toEqual([['ci', 'platform']]);
    expect(config.auth.demoMode).toBe(false);
  });

  it('requires PUBLIC_URL outside demo mode, and keeps demo mode on loopback addresses', () => {
    const production = { AUTH_SECRET: 'x'.repeat(40), AUTH_USERS: `ann:fleet:${hashPassword('s3cret')}` };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_URL is required outside demo mode/);
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://fleet.example/' }).auth.publicUrl).toBe('https://fleet.example');
    expect(() => loadConfig({ DEMO_MODE: 'true', HOST: '0.0.0.0' })).toThrow(/DEMO_MODE=true refused on HOST=0.0.0.0/);
    expect(() => loadConfig({ DEMO_MODE: 'true', HOST: '192.168.1.5' })).toThrow(/DEMO_MODE=true refused/);
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(loadConfig({ DEMO_MODE: 'true', HOST: host }).bff.host).toBe(host);
  });

  it('reads the request, session and inbox limits with their defaults', () => {
    const config = loadConfig({ DEMO_MODE: 'true' });
    expect(config.bff.maxBodyBytes).toBe(65_536);
    expect(config.auth).toMatchObject({ sessionMaxMs: 12 * 3_600_000, sessionRecheckMs: 30_000, writesPerMinute: 60, socketConnectionsPerUser: 20 });
    expect(config.alertLimits).toEqual({ noteMaxChars: 1_000, actionsMax: 200, silenceMaxMs: 168 * 3_600_000 });
    expect(() => loadConfig({ DEMO_MODE: 'true', MAX_BODY_BYTES: '10' })).toThrow(/MAX_BODY_BYTES/);
  });

  it('creates the four demo users and the admin token in demo mode only', () => {
    const config = loadConfig({ DEMO_MODE: 'true' });
    expect(config.auth.users.map((user) => `${user.name}:${user.role}`)).toEqual(['fleet:fleet', 'security:security', 'platform:platform', 'admin:admin']);
    expect(config.auth.apiTokens.map((token) => token.role)).toEqual(['admin']);
  });

  it('reads the lag monitor settings: poll interval 5 s by default, allow and deny lists', () => {
    expect(loadConfig({ DEMO_MODE: 'true' }).lag).toMatchObject({ pollIntervalMs: 5_000, allow: [], deny: [], windowPolls: 6, historyMinutes: 60 });
    const lag = loadConfig({ DEMO_MODE: 'true', LAG_POLL_INTERVAL_MS: '2000', LAG_GROUPS_ALLOW: 'processor.*, demo.*', LAG_GROUPS_DENY: 'bff.*' }).lag;
    expect(lag).toMatchObject({ pollIntervalMs: 2_000, allow: ['processor.*', 'demo.*'], deny: ['bff.*'] });
    expect(() => loadConfig({ DEMO_MODE: 'true', LAG_POLL_INTERVAL_MS: '10' })).toThrow(/LAG_POLL_INTERVAL_MS/);
    expect(() => loadConfig({ DEMO_MODE: 'true', LAG_HISTORY_MINUTES: '30' })).toThrow(/LAG_HISTORY_MINUTES/);
  });

  it('reads the Flink settings: web UI on 8081, checkpoints every 10 s under .data, and refuses a clash of ports', () => {
    expect(loadConfig({ DEMO_MODE: 'true' }).flink).toEqual({
      restPort: 8081,
      restUrl: 'http://127.0.0.1:8081',
      prometheusPort: 9249,
      checkpointDir: '.data/flink/checkpoints',
      checkpointIntervalS: 10,
      parallelism: 1,
    });
    const cluster = loadConfig({
      DEMO_MODE: 'true',
      FLINK_REST_URL: 'http://jobmanager:8081/',
      FLINK_CHECKPOINT_DIR: 's3://bucket/checkpoints',
      FLINK_PARALLELISM: '4',
    }).flink;
    expect(cluster).toMatchObject({ restUrl: 'http://jobmanager:8081', checkpointDir: 's3://bucket/checkpoints', parallelism: 4 });
    expect(() => loadConfig({ DEMO_MODE: 'true', FLINK_PROMETHEUS_PORT: '8081' })).toThrow(/FLINK_PROMETHEUS_PORT/);
    expect(() => loadConfig({ DEMO_MODE: 'true', FLINK_CHECKPOINT_INTERVAL_S: '0' })).toThrow(/FLINK_CHECKPOINT_INTERVAL_S/);
  });
});
