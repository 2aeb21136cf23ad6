import { describe, expect, it } from 'vitest';

import { parseSimulatorArgs } from './cli-options';

const DEFAULTS = { seed: 42, cabs: 60, tankers: 40, telemetryIntervalMs: 1_000, purchasesPerS: 2, sightingsPerS: 20, speedup: 1 };

describe('parseSimulatorArgs', () => {
  it('keeps the configured values without flags', () => {
    expect(parseSimulatorArgs([], DEFAULTS)).toEqual({ kind: 'run', options: { ...DEFAULTS, archiver: true } });
  });

  it('lets flags override the configuration', () => {
    const parsed = parseSimulatorArgs(
      [
        '--seed',
        '7',
        '--cabs',
        '6000',
        '--tankers=4000',
        '--interval-ms',
        '500',
        '--speedup',
        '30',
        '--purchases-per-s',
        '5.5',
        '--sightings-per-s',
        '100',
        '--no-archiver',
      ],
      DEFAULTS,
    );
    expect(parsed).toEqual({
      kind: 'run',
      options: { seed: 7, cabs: 6000, tankers: 4000, telemetryIntervalMs: 500, speedup: 30, purchasesPerS: 5.5, sightingsPerS: 100, archiver: false },
    });
  });

  it('turns a stream off with a rate of 0, but never accepts a negative rate', () => {
    const parsed = parseSimulatorArgs(['--sightings-per-s', '0', '--purchases-per-s', '0'], DEFAULTS);
    expect(parsed).toEqual({ kind: 'run', options: { ...DEFAULTS, sightingsPerS: 0, purchasesPerS: 0, archiver: true } });
    expect(parseSimulatorArgs(['--sightings-per-s', '-1'], DEFAULTS).kind).toBe('error');
  });

  it('rejects bad values and unknown flags', () => {
    expect(parseSimulatorArgs(['--cabs', 'many'], DEFAULTS).kind).toBe('error');
    expect(parseSimulatorArgs(['--speedup', '0'], DEFAULTS).kind).toBe('error');
    expect(parseSimulatorArgs(['--cabs', '0', '--tankers', '0'], DEFAULTS).kind).toBe('error');
    expect(parseSimulatorArgs(['--fast'], DEFAULTS).kind).toBe('error');
    expect(parseSimulatorArgs(['--help'], DEFAULTS).kind).toBe('help');
  });
});
