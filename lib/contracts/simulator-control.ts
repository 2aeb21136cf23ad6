import { z } from 'zod';

import { epochMs, idSchema } from './common';

export const SCENARIO_NAMES = [
  'overheat',
  'cooling-failure',
  'freezing',
  'sensor-spike',
  'stalled-consumer',
  'crowd',
  'silence',
  'frozen-gps',
  'late-fixes',
  'park',
  'stop',
] as const;
export const scenarioNameSchema = z.enum(SCENARIO_NAMES);
export type ScenarioName = z.infer<typeof scenarioNameSchema>;

/** `simulator.control`: a fault scenario started against a running simulator (`npm run scenario`). */
export const scenarioCommandSchema = z.object({
  commandId: idSchema,
  scenario: scenarioNameSchema,
  issuedAt: epochMs,
  /** Which vehicle, zone or consumer group; the simulator picks one when absent. */
  target: z.string().max(128).optional(),
  durationS: z
    .number()
    .positive()
    .max(24 * 3600)
    .optional(),
});
export type ScenarioCommand = z.infer<typeof scenarioCommandSchema>;
