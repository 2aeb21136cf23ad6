import { vehicleStateSchema } from '@/lib/contracts/fleet';
import type { VehicleState } from '@/lib/contracts/fleet';
import { TOPICS } from '@/lib/contracts/topics';
import { getConfig } from '@/server/config';

import { readPreviousAlerts } from '../../runtime/previous-alerts';
import type { OutputRecord, ProcessingRejection, ProcessorContext, ProcessorDefinition } from '../../runtime/processor';
import { processorGroupId } from '../../runtime/processor';

import type { AnomalyAlert, DetectorOptions } from './detector';
import { AnomalyDetector } from './detector';

export interface AnomalyOptions extends DetectorOptions {
  /** At start, the models re-learn from this much of the input before now (their state lives in memory). */
  replayMs: number;
}

/** `fleet.vehicle-state` → `fleet.anomalies`: engine and container temperature against each vehicle's own normal. */
export function anomalyProcessor(options: AnomalyOptions = anomalyOptionsFromConfig()): ProcessorDefinition<typeof vehicleStateSchema> {
  const detector = new AnomalyDetector(options);
  const toOutputs = (alerts: AnomalyAlert[]): OutputRecord[] => alerts.map((alert) => ({ topic: TOPICS.anomalies, key: alert.alertId, value: alert }));
  return {
    name: 'anomaly',
    input: { topic: TOPICS.vehicleState, schema: vehicleStateSchema },
    async setup(context) {
      const previous = await readPreviousAlerts(context, TOPICS.anomalies, `processor.anomaly.previous.${context.instanceId}`);
      for (const alert of previous) if (alert.kind === 'anomaly') detector.restore(alert);
      await rewindTo(context, Date.now() - options.replayMs);
      context.logger.info({ restored: previous.filter((alert) => alert.state === 'firing').length, ...options }, 'anomaly detector ready; re-learning from the recent input');
    },
    process(records) {
      const now = Date.now();
      const outputs: OutputRecord[] = [];
      const rejected: ProcessingRejection<VehicleState>[] = [];
      for (const record of records) {
        const result = detector.add(record.value, now);
        outputs.push(...toOutputs(result.alerts));
        if (result.late) rejected.push({ record, reason: result.late });
      }
      return { outputs, rejected };
    },
    tick: {
      // A vehicle that goes quiet must not keep its last readings (and a due alert) held back.
      intervalMs: Math.max(100, options.allowedLatenessMs / 2),
      run: (now) => ({ outputs: toOutputs(detector.flushQuiet(now)) }),
    },
  };
}


/**
 * The models live in memory, so resuming from committed offsets would judge the next readings
 * with no notion of normal. Every start moves the group back to `sinceMs` instead: outputs are
 * keyed by deterministic ids, so an alert found again is the same alert. (Throws while a previous
 * member is still in the group; the runner retries.)
 */
async function rewindTo(context: ProcessorContext, sinceMs: number): Promise<void> {
  const admin = context.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsetsByTimestamp(TOPICS.vehicleState, sinceMs);
    await admin.setOffsets({ groupId: processorGroupId('anomaly'), topic: TOPICS.vehicleState, partitions: offsets.map(({ partition, offset }) => ({ partition, offset })) });
  } finally {
    await admin.disconnect();
  }
}

function anomalyOptionsFromConfig(): AnomalyOptions {
  const { anomaly } = getConfig();
  return { ...anomaly, offlineGapMs: getConfig().bff.fleetOfflineAfterMs };
}
