import { z } from 'zod';

import type { Env } from '@/platform/env';
import { envInt as int, envPositive as positive, envRate as rate, parseEnv } from '@/platform/env';
import type { KafkaSettings } from '@/platform/kafka/settings';
import { kafkaEnvShape, kafkaProblems, toKafkaSettings } from '@/platform/kafka/settings';

/** The SIM_* settings (README, settings table); `--flags` override them (cli-options.ts). */
export const simulatorEnvShape = {
  SIM_SEED: int(0, 2 ** 31 - 1).default(42),
  SIM_CABS: int(0, 100_000).default(60),
  SIM_TANKERS: int(0, 100_000).default(40),
  SIM_TELEMETRY_INTERVAL_MS: int(50, 60_000).default(1000),
  SIM_PURCHASES_PER_S: rate(10_000).default(2),
  SIM_SIGHTINGS_PER_S: rate(100_000).default(20),
  SIM_SPEEDUP: positive(3600).default(1),
};

export interface SimulatorSettings {
  seed: number;
  cabs: number;
  tankers: number;
  telemetryIntervalMs: number;
  purchasesPerS: number;
  sightingsPerS: number;
  speedup: number;
}

const simulatorEnvSchema = z.object({ ...kafkaEnvShape, ...simulatorEnvShape });

/**
 * What the simulator reads: the shared Kafka settings and its own SIM_* ones, nothing of the BFF
 * (no auth settings, no demo mode), so it runs beside any BFF with Kafka settings only.
 */
export function loadSimulatorSettings(env: Env = process.env): KafkaSettings & { simulator: SimulatorSettings } {
  const e = parseEnv(simulatorEnvSchema, env, (parsed) => [
    ...kafkaProblems(parsed),
    ...(parsed.SIM_CABS + parsed.SIM_TANKERS === 0 ? ['SIM_CABS + SIM_TANKERS: the fleet needs at least one vehicle'] : []),
  ]);
  return {
    ...toKafkaSettings(e),
    simulator: {
      seed: e.SIM_SEED,
      cabs: e.SIM_CABS,
      tankers: e.SIM_TANKERS,
      telemetryIntervalMs: e.SIM_TELEMETRY_INTERVAL_MS,
      purchasesPerS: e.SIM_PURCHASES_PER_S,
      sightingsPerS: e.SIM_SIGHTINGS_PER_S,
      speedup: e.SIM_SPEEDUP,
    },
  };
}
