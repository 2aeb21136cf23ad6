import { Kafka, logLevel } from 'kafkajs';
import type { Consumer } from 'kafkajs';

import { TOPICS } from '../../lib/contracts/topics';

import { percentile } from './proc-stats';

export interface ShareWindow {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** A fix's time in a record's JSON without parsing the whole record (the bench reads 20,000 a second). */
const TS = /"ts":(\d+)/;

/**
 * The stream job's share of the latency: for a sample of vehicles (ids ending in 0, a tenth of the
 * fleet), from the raw fix's record timestamp on `fleet.telemetry.raw` to the processed record's
 * on `fleet.vehicle-state`. Both are stamped by their producers at send on this one machine (the
 * simulator's kafkajs, the job's Kafka sink, which leaves the timestamp to its producer), so the
 * figure is raw append → processed append to within a produce round trip.
 */
export class ProcessingShare {
  private readonly consumer: Consumer;
  /** The first of a fix's two records seen, by vehicle and fix time: the topics are read side by side, so either may come first. */
  private readonly firstSeen = new Map<string, { raw: boolean; at: number }>();
  private samples: number[] = [];
  private measuring = false;

  constructor(brokers: string) {
    const kafka = new Kafka({ clientId: 'bench-processing-share', brokers: [brokers], logLevel: logLevel.NOTHING });
    this.consumer = kafka.consumer({ groupId: `bench-processing-share-${Date.now()}`, maxWaitTimeInMs: 50 });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [TOPICS.telemetryRaw, TOPICS.vehicleState], fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: 4,
      eachMessage: async ({ topic, message }) => {
        const key = message.key?.toString() ?? '';
        if (!key.endsWith('0')) return;
        const ts = TS.exec(message.value?.toString() ?? '')?.[1];
        if (!ts) return;
        const id = `${key}@${ts}`;
        const raw = topic === TOPICS.telemetryRaw;
        const at = Number(message.timestamp);
        const other = this.firstSeen.get(id);
        if (!other || other.raw === raw) return void this.firstSeen.set(id, { raw, at });
        this.firstSeen.delete(id);
        if (this.measuring) this.samples.push(raw ? other.at - at : at - other.at);
      },
    });
  }

  startWindow(): void {
    this.samples = [];
    this.measuring = true;
    // From the beginning of both topics (the bench's own broker): a job minutes behind writes fixes
    // sent before this reader started. Unmatched halves must still not grow without bound.
    if (this.firstSeen.size > 1_000_000) this.firstSeen.clear();
  }

  endWindow(): ShareWindow {
    this.measuring = false;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return { samples: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
