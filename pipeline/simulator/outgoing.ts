import type { Message, Producer, TopicMessages } from 'kafkajs';

import type { BadgeSighting, Zone } from '@/lib/contracts/campus';
import type { RawTelemetry, Vehicle } from '@/lib/contracts/fleet';
import { TOPICS } from '@/lib/contracts/topics';

import type { Keyed } from './bookstore-model';

const REGISTRY_CHUNK = 2_000;

export function keyedMessages<T>(topic: string, records: readonly Keyed<T>[]): TopicMessages {
  return { topic, messages: records.map((record) => message(record.key, record.value)) };
}

export function telemetryMessages(readings: readonly RawTelemetry[]): TopicMessages {
  return { topic: TOPICS.telemetryRaw, messages: readings.map((reading) => message(reading.vehicleId, reading)) };
}

export function sightingMessages(sightings: readonly BadgeSighting[]): TopicMessages {
  return { topic: TOPICS.badgeSightings, messages: sightings.map((sighting) => message(sighting.sensorId, sighting)) };
}

export function vehicleMessages(vehicles: readonly Vehicle[]): TopicMessages {
  return { topic: TOPICS.vehicles, messages: vehicles.map((vehicle) => message(vehicle.vehicleId, vehicle)) };
}

export function zoneMessages(zones: readonly Zone[]): TopicMessages {
  return { topic: TOPICS.zones, messages: zones.map((zone) => message(zone.zoneId, zone)) };
}

/** Writes the tables (registries, catalogue, zones) in requests of a bounded size: 10,000 vehicles is one large table. */
export async function writeTables(producer: Producer, tables: readonly TopicMessages[]): Promise<void> {
  for (const table of tables) {
    for (let i = 0; i < table.messages.length; i += REGISTRY_CHUNK) {
      await producer.send({ topic: table.topic, messages: table.messages.slice(i, i + REGISTRY_CHUNK) });
    }
  }
}

function message(key: string, value: unknown): Message {
  return { key, value: JSON.stringify(value) };
}
