import type { FleetSnapshotRecord } from '@/lib/contracts/fleet';
import { fleetSnapshotRecordSchema } from '@/lib/contracts/fleet';
import { parseValue } from '@/lib/contracts/parse';
import type { ReplayStepVehicle, ReplayVehicle } from '@/lib/contracts/replay';

export type SnapshotVehicle = FleetSnapshotRecord['vehicles'][number];

/*
 * A snapshot entry's state is completed in place, not copied: each entry is parsed for one use, and
 * a spread copy of 10,000 parsed states cost a fast-playback step more than serializing them did
 * (bench/results/replay.md, 2026-12-05).
 */

/** The entry's state as a replay holds it: with when it reached Kafka. */
export function withReceivedAt(entry: SnapshotVehicle): ReplayVehicle {
  return Object.assign(entry.state, { receivedAt: entry.receivedAt });
}

/** The entry as a step of fast playback sends it: its state with the job's timing. */
export function asStepVehicle({ state, ...timing }: SnapshotVehicle): ReplayStepVehicle {
  return Object.assign(state, timing);
}

/** What a scene starts from: every vehicle's state as the fleet-snapshot job last wrote it before the moment. */
export interface SnapshotBase {
  /** The oldest of the buckets' snapshots used: records written up to then are in the base (up to SNAPSHOT_LATENESS_MS). */
  coveredUntil: number;
  vehicles: SnapshotVehicle[];
}

interface Header {
  at: number;
  bucket: number;
  buckets: number;
  chunk: number;
  chunks: number;
}

/**
 * Collects the `fleet.snapshots` records read around a moment and picks, per bucket, its newest
 * complete snapshot (all chunks of one `at`) at or before the moment. Records are only parsed as
 * JSON when they arrive; the contract is checked on the chunks picked, so the snapshots passed over
 * cost no validation. A bucket with no snapshot in the window held no vehicles (the job snapshots
 * every bucket that holds any at every interval); a bucket whose snapshots are all incomplete or
 * break the contract gives no base at all, so the caller reads the lookback instead of leaving its
 * vehicles out.
 */
export class SnapshotPicker {
  /** Chunks by `${buckets}/${bucket}@${at}`, each at its index. */
  private readonly parts = new Map<string, unknown[]>();
  private readonly headers = new Map<string, Header>();
  private newest: Header | undefined;
  /** Records that were not JSON or not shaped like a snapshot, counted for the log. */
  rejected = 0;

  add(value: Buffer | null): void {
    let record: unknown;
    try {
      record = value === null ? null : JSON.parse(value.toString('utf8'));
    } catch {
      record = null;
    }
    const header = headerOf(record);
    if (!header) {
      this.rejected += 1;
      return;
    }
    const key = `${header.buckets}/${header.bucket}@${header.at}`;
    const chunks = this.parts.get(key) ?? [];
    chunks[header.chunk] = record;
    this.parts.set(key, chunks);
    this.headers.set(key, header);
    if (!this.newest || header.at > this.newest.at) this.newest = header;
  }

  pick(at: number): SnapshotBase | undefined {
    const buckets = this.newest?.buckets;
    if (buckets === undefined) return undefined;
    const candidates = [...this.headers.entries()].filter(([, header]) => header.buckets === buckets && header.at <= at).sort(([, a], [, b]) => b.at - a.at);
    const chosen = new Map<number, { at: number; vehicles: SnapshotVehicle[] }>();
    const seen = new Set<number>();
    for (const [key, header] of candidates) {
      seen.add(header.bucket);
      if (chosen.has(header.bucket)) continue;
      const vehicles = this.completeChunks(key, header);
      if (vehicles) chosen.set(header.bucket, { at: header.at, vehicles });
    }
    if (chosen.size === 0 || chosen.size < seen.size) return undefined;
    const picked = [...chosen.values()];
    return { coveredUntil: Math.min(...picked.map((p) => p.at)), vehicles: picked.flatMap((p) => p.vehicles) };
  }

  /** The vehicles of one bucket's snapshot when every chunk is there and keeps the contract, else undefined. */
  private completeChunks(key: string, header: Header): SnapshotVehicle[] | undefined {
    const chunks = this.parts.get(key) ?? [];
    const vehicles: SnapshotVehicle[] = [];
    for (let i = 0; i < header.chunks; i += 1) {
      const parsed = parseValue(fleetSnapshotRecordSchema, chunks[i]);
      if (!parsed.ok || parsed.value.chunks !== header.chunks) return undefined;
      vehicles.push(...parsed.value.vehicles);
    }
    return vehicles;
  }
}

function headerOf(record: unknown): Header | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { at, bucket, buckets, chunk, chunks } = record as Record<string, unknown>;
  const fields = [at, bucket, buckets, chunk, chunks];
  if (!fields.every((field) => typeof field === 'number' && Number.isInteger(field) && field >= 0)) return undefined;
  const header = { at, bucket, buckets, chunk, chunks } as Header;
  return header.bucket < header.buckets && header.chunk < header.chunks ? header : undefined;
}

/** The fleet at one moment of a snapshot series: every vehicle of every bucket. */
export interface SnapshotMoment {
  at: number;
  vehicles: SnapshotVehicle[];
}

/**
 * Snapshots of consecutive moments read in one range, for fast playback: the fleet at each wanted
 * moment, as long as every one is complete. Records are sorted by their Kafka timestamp (the job
 * stamps each with its `at`) and their key (the bucket); only the wanted moments' records are
 * parsed. A moment counts as complete when its buckets' chunks are all there and it has every
 * bucket the moment one interval before it had: the job writes every bucket holding vehicles at
 * every moment, so a bucket missing means the job has not written it yet (the live edge) or skipped
 * a pause, and the steps from there on are read from the fixes instead.
 */
export class SnapshotSeries {
  private readonly bucketsAt = new Map<number, Set<string>>();
  private readonly pickers = new Map<number, SnapshotPicker>();

  constructor(private readonly wanted: ReadonlySet<number>) {}

  add(record: { key: Buffer | null; value: Buffer | null; timestamp: number }): void {
    const buckets = this.bucketsAt.get(record.timestamp) ?? new Set<string>();
    buckets.add(record.key?.toString('utf8') ?? '');
    this.bucketsAt.set(record.timestamp, buckets);
    if (!this.wanted.has(record.timestamp)) return;
    const picker = this.pickers.get(record.timestamp) ?? new SnapshotPicker();
    picker.add(record.value);
    this.pickers.set(record.timestamp, picker);
  }

  /** For the log: the moments read and how many buckets each had. */
  describe(): { read: string } {
    return { read: [...this.bucketsAt].map(([at, buckets]) => `${at}:${buckets.size}`).join(' ') };
  }

  /** The fleet at each of `moments` (ascending), up to the first that is incomplete. */
  completeUpTo(moments: readonly number[], intervalMs: number): SnapshotMoment[] {
    const complete: SnapshotMoment[] = [];
    for (const at of moments) {
      const buckets = this.bucketsAt.get(at);
      const before = this.bucketsAt.get(at - intervalMs);
      if (!buckets || !before || [...before].some((bucket) => !buckets.has(bucket))) break;
      const base = this.pickers.get(at)?.pick(at);
      if (!base || base.coveredUntil !== at) break;
      complete.push({ at, vehicles: base.vehicles });
    }
    return complete;
  }
}
