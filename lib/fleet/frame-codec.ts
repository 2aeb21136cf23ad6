import type { FleetFrame, FrameEntry } from '../contracts/fleet-frame';
import { FRAME_FIELDS, FULL_MASK, fleetFrameSchema } from '../contracts/fleet-frame';
import type { VehicleView } from '../realtime/events';

/** A vehicle as the frames carry it: one value per `FRAME_FIELDS` entry, rounded, absolute times, `null` for absent. */
export type WireRow = (string | number | boolean | null)[];

const TS = FRAME_FIELDS.findIndex((field) => field.name === 'ts');
const RECEIVED_AT = FRAME_FIELDS.findIndex((field) => field.name === 'receivedAt');
const SCALES = FRAME_FIELDS.map((field) => ('digits' in field ? 10 ** field.digits : undefined));

/** The vehicle as every client will see it: rounded to what the map and list can show. */
export function toRow(view: VehicleView): WireRow {
  const record = view as unknown as Record<string, string | number | boolean | undefined>;
  return FRAME_FIELDS.map((field, i) => {
    const value = record[field.name];
    if (value === undefined) return null;
    const scale = SCALES[i];
    return scale === undefined || typeof value !== 'number' ? value : Math.round(value * scale) / scale;
  });
}

/** Bits of the fields that differ between what was sent before and now; every bit for a vehicle never sent. */
export function changedMask(previous: WireRow | undefined, next: WireRow): number {
  if (!previous) return FULL_MASK;
  let mask = 0;
  for (let i = 0; i < next.length; i += 1) if (previous[i] !== next[i]) mask |= 1 << i;
  return mask;
}

/** The entry for the fields in `mask`, times made relative so they stay short. */
export function toEntry(vehicleId: string, row: WireRow, mask: number, sentAt: number): FrameEntry {
  const entry: FrameEntry = [vehicleId, mask];
  for (let i = 0; i < row.length; i += 1) {
    if ((mask & (1 << i)) === 0) continue;
    if (i === TS) entry.push(sentAt - (row[TS] as number));
    else if (i === RECEIVED_AT) entry.push((row[RECEIVED_AT] as number) - (row[TS] as number));
    else entry.push(row[i] ?? null);
  }
  return entry;
}

export interface FrameResult {
  /** Entries merged into the fleet. */
  applied: number;
  /** Entries refused: a field of the wrong type, or a partial entry for a vehicle the client does not have. */
  rejected: number;
}

/** Checks a received frame against the contract; `undefined` when it does not match. */
export function parseFrame(raw: unknown): FleetFrame | undefined {
  const parsed = fleetFrameSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Folds a frame into `vehicles` (replaced wholesale by a snapshot). Each vehicle changed gets a
 * new object, so views holding the old one keep a consistent picture.
 */
export function applyFrame(vehicles: Map<string, VehicleView>, frame: FleetFrame): FrameResult {
  if (frame.s) vehicles.clear();
  const result: FrameResult = { applied: 0, rejected: 0 };
  for (const entry of frame.v) {
    const view = decodeEntry(vehicles.get(entry[0]), entry, frame.t);
    if (!view) {
      result.rejected += 1;
      continue;
    }
    vehicles.set(view.vehicleId, view);
    result.applied += 1;
  }
  for (const vehicleId of frame.r ?? []) vehicles.delete(vehicleId);
  return result;
}

function decodeEntry(base: VehicleView | undefined, entry: FrameEntry, sentAt: number): VehicleView | undefined {
  const [vehicleId, mask] = entry;
  if (!base && mask !== FULL_MASK) return undefined;
  const view: Record<string, unknown> = { ...base, vehicleId };
  let next = 2;
  for (let i = 0; i < FRAME_FIELDS.length; i += 1) {
    if ((mask & (1 << i)) === 0) continue;
    if (next >= entry.length) return undefined;
    const field = FRAME_FIELDS[i]!;
    const value = entry[next++];
    if (value === null && 'optional' in field) {
      delete view[field.name];
      continue;
    }
    if (!field.schema.safeParse(value).success) return undefined;
    if (i === TS) view.ts = sentAt - (value as number);
    else if (i === RECEIVED_AT) view.receivedAt = (view.ts as number) + (value as number);
    else view[field.name] = value;
  }
  return next === entry.length ? (view as VehicleView) : undefined;
}
