import type { z } from 'zod';

import type { ProcessorDefinition } from '../runtime/processor';

import { fleetStateProcessor } from './fleet-state';




/** Every reference stream job, by name; `npm run processor -- <name>...` runs a subset. */
export const PROCESSORS: Record<string, () => ProcessorDefinition<z.ZodType>> = {
  'fleet-state': fleetStateProcessor as () => ProcessorDefinition<z.ZodType>,
};
