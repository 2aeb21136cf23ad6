import type { Kafka } from 'kafkajs';
import { expect } from 'vitest';

import type { VehicleState } from '../../lib/contracts/fleet';
import { vehicleStateSchema } from '../../lib/contracts/fleet';

import { readTopicToEnd } from './topic-reader';

/** A record as the oracles need it: its JSON text and when Kafka took it. */
export interface TopicRecord {
  value: string;
  timestamp: number;
}

/** Every record of `topic` up to its end now, read from the beginning by a plain consumer of its own: an oracle's input. */
export async function readRecords(kafka: Kafka, topic: string): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const messages = await readTopicToEnd(kafka, admin, topic);
    return messages.flatMap((m) => (m.value ? [{ value: m.value.toString(), timestamp: Number(m.timestamp) }] : []));
  } finally {
    await admin.disconnect();
  }
}

/**
 * The independent fold of time travel: each vehicle's fix with the newest `ts` among the records
 * written in [from, at], with when it was written. Records that break the contract are skipped.
 */
export function foldVehicleStates(records: readonly TopicRecord[], at: number, from = 0): Map<string, { state: VehicleState; receivedAt: number }> {
  const fleet = new Map<string, { state: VehicleState; receivedAt: number }>();
  for (const record of records) {
    if (record.timestamp > at || record.timestamp < from) continue;
    let json: unknown;
    try {
      json = JSON.parse(record.value);
    } catch {
      continue;
    }
    const parsed = vehicleStateSchema.safeParse(json);
    if (!parsed.success) continue;
    const current = fleet.get(parsed.data.vehicleId);
    if (!current || current.state.ts <= parsed.data.ts) fleet.set(parsed.data.vehicleId, { state: parsed.data, receivedAt: record.timestamp });
  }
  return fleet;
}

/** Each replayed vehicle where the oracle has it: same fix (`ts`), position and status. */
export function expectSameFleet(
  vehicles: readonly Pick<VehicleState, 'vehicleId' | 'ts' | 'lat' | 'lon' | 'status'>[],
  expected: ReadonlyMap<string, { state: VehicleState }>,
): void {
  for (const { vehicleId, ts, lat, lon, status } of vehicles) {
    const oracle = expected.get(vehicleId)?.state;
    expect({ vehicleId, ts, lat, lon, status }).toEqual({
      vehicleId: oracle?.vehicleId,
      ts: oracle?.ts,
      lat: oracle?.lat,
      lon: oracle?.lon,
      status: oracle?.status,
    });
  }
}
