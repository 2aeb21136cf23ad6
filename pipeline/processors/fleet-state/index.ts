import type { Vehicle } from '@/lib/contracts/fleet';
import { rawTelemetrySchema, vehicleSchema } from '@/lib/contracts/fleet';
import { TOPICS } from '@/lib/contracts/topics';
import { KafkaTable } from '@/server/kafka/kafka-table';

import type { ProcessingRejection, ProcessorDefinition, OutputRecord } from '../../runtime/processor';

import { enrichTelemetry } from './enrich';



/** `fleet.telemetry.raw` + `fleet.vehicles` → `fleet.vehicle-state`. */
export function fleetStateProcessor(): ProcessorDefinition<typeof rawTelemetrySchema> {
  const vehicles = new KafkaTable<Vehicle>();
  return {
    name: 'fleet-state',
    input: { topic: TOPICS.telemetryRaw, schema: rawTelemetrySchema },
    async setup(context) {
      await vehicles.start({
        kafka: context.kafka,
        topic: TOPICS.vehicles,
        schema: vehicleSchema,
        groupId: `processor.fleet-state.vehicles.${context.instanceId}`,
        deadLetters: context.deadLetters,
        stats: context.stats,
        logger: context.logger,
      });
      context.logger.info({ vehicles: vehicles.size }, 'vehicle registry loaded');
    },
    process(records) {
      const now = Date.now();
      const outputs: OutputRecord[] = [];
      const rejected: ProcessingRejection<(typeof records)[number]['value']>[] = [];
      for (const record of records) {
        const result = enrichTelemetry(record.value, vehicles.get(record.value.vehicleId), now);
        if (result.ok) outputs.push({ topic: TOPICS.vehicleState, key: result.state.vehicleId, value: result.state });
        else rejected.push({ record, reason: result.reason });
      }
      return { outputs, rejected };
    },
    close: () => vehicles.stop(),
  };
}
