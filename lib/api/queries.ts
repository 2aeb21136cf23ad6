import { z } from 'zod';

import { idSchema } from '../contracts/common';

/** `GET /api/fleet/vehicles/:id/history?minutes=`. */
export const vehicleHistoryQuerySchema = z.object({
  id: idSchema,
  minutes: z.coerce.number().int().min(1).max(60).default(15),
});
