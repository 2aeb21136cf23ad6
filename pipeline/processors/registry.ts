import type { z } from 'zod';

import type { ProcessorDefinition } from '../runtime/processor';

import { anomalyProcessor } from './anomaly';
import { fleetStateProcessor } from './fleet-state';
import { occupancyProcessor } from './occupancy';
import { salesProcessor } from './sales';




/** Every reference stream job, by name; `npm run processor -- <name>...` runs a subset. */
export const PROCESSORS: Record<string, () => ProcessorDefinition<z.ZodType>> = {
  'fleet-state': fleetStateProcessor as () => ProcessorDefinition<z.ZodType>,
  sales: (() => salesProcessor()) as () => ProcessorDefinition<z.ZodType>,
  occupancy: (() => occupancyProcessor()) as () => ProcessorDefinition<z.ZodType>,
  anomaly: (() => anomalyProcessor()) as () => ProcessorDefinition<z.ZodType>,
};
