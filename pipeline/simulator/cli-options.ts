import { parseArgs } from 'node:util';

import { z } from 'zod';

import type { SimulatorSettings } from './settings';

export interface SimulatorOptions extends Readonly<SimulatorSettings> {
  /** Runs the demo consumer group that `stalled-consumer` freezes. */
  archiver: boolean;
}

export type ParsedOptions = { kind: 'run'; options: SimulatorOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const SIMULATOR_USAGE = `usage: npx tsx pipeline/simulator/main.ts [options]   (defaults come from SIM_* settings)
  --seed N              seed: the same seed gives the same fleet, catalogue, campus and routes
  --cabs N              number of taxis
  --tankers N           number of tanker trucks
  --interval-ms N       each vehicle sends one fix per N ms of wall time
  --speedup X           simulated time (purchases, campus) runs X times faster than the wall clock
  --purchases-per-s X   purchases written per wall-clock second (on average; 0: none)
  --sightings-per-s X   badge sightings written per wall-clock second (on average; 0: none)
  --no-archiver         do not run the demo consumer group demo.telemetry-archiver
  --help                this text`;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const positive = (max: number) => z.coerce.number().positive().max(max);
// A rate of 0 turns one stream off, e.g. a speeded-up sales test that must not write future-dated campus sightings.
const rate = (max: number) => z.coerce.number().nonnegative().max(max);

// The same bounds as the SIM_* settings in settings.ts.
const FLAGS = {
  seed: { key: 'seed', schema: int(0, 2 ** 31 - 1) },
  cabs: { key: 'cabs', schema: int(0, 100_000) },
  tankers: { key: 'tankers', schema: int(0, 100_000) },
  'interval-ms': { key: 'telemetryIntervalMs', schema: int(50, 60_000) },
  speedup: { key: 'speedup', schema: positive(3_600) },
  'purchases-per-s': { key: 'purchasesPerS', schema: rate(10_000) },
  'sightings-per-s': { key: 'sightingsPerS', schema: rate(100_000) },
} as const satisfies Record<string, { key: keyof SimulatorSettings; schema: z.ZodType<number> }>;

/** Command-line flags over the configured defaults; a bad flag is an error, never silently ignored. */
export function parseSimulatorArgs(argv: readonly string[], defaults: SimulatorSettings): ParsedOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    const stringFlags = Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }]));
    const parsed = parseArgs({ args: [...argv], options: { ...stringFlags, 'no-archiver': { type: 'boolean' }, help: { type: 'boolean' } } });
    values = parsed.values;
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const options: SimulatorOptions = { ...defaults, archiver: !values['no-archiver'] };
  for (const [flag, { key, schema }] of Object.entries(FLAGS)) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const result = schema.safeParse(raw);
    if (!result.success) return { kind: 'error', message: `--${flag} ${raw}: ${result.error.issues[0]?.message ?? 'invalid'}` };
    Object.assign(options, { [key]: result.data });
  }
  if (options.cabs + options.tankers === 0) return { kind: 'error', message: 'the fleet needs at least one vehicle (--cabs + --tankers > 0)' };
  return { kind: 'run', options };
}
