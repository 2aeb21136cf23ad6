import { describe, expect, it } from 'vitest';

import type { FleetSnapshotRecord } from '@/lib/contracts/fleet';
import { replayStepVehicleSchema } from '@/lib/contracts/replay';

import { vehicleState as state } from '../../test/support/fleet-fixtures';

import { SnapshotPicker, SnapshotSeries, asStepVehicle, withReceivedAt } from './replay-snapshots';

function record(at: number, bucket: number, ids: string[], chunk = 0, chunks = 1, buckets = 2): Buffer {
  const value: FleetSnapshotRecord = {
    at,
    bucket,
    buckets,
    chunk,
    chunks,
    vehicles: ids.map((id) => ({ receivedAt: at - 100, positionSince: at - 500, movedWhileStill: false, state: state(id, at - 200) })),
  };
  return Buffer.from(JSON.stringify(value));
}

const ids = (picked: ReturnType<SnapshotPicker['pick']>) => picked?.vehicles.map((v) => v.state.vehicleId).sort();

describe('SnapshotPicker', () => {
  it("takes each bucket's newest snapshot at or before the moment, covered until the oldest of them", () => {
    const picker = new SnapshotPicker();
    picker.add(record(10_000, 0, ['a-old']));
    picker.add(record(20_000, 0, ['a']));
    picker.add(record(30_000, 0, ['a-future']));
    picker.add(record(10_000, 1, ['b']));
    const picked = picker.pick(25_000);
    expect(ids(picked)).toEqual(['a', 'b']);
    expect(picked?.coveredUntil).toBe(10_000);
  });

  it('joins the chunks of a snapshot, and passes over one with a chunk missing', () => {
    const picker = new SnapshotPicker();
    picker.add(record(10_000, 0, ['a1', 'a2'], 0, 2, 1));
    picker.add(record(10_000, 0, ['a3'], 1, 2, 1));
    picker.add(record(20_000, 0, ['new'], 0, 2, 1));
    const picked = picker.pick(20_000);
    expect(ids(picked)).toEqual(['a1', 'a2', 'a3']);
    expect(picked?.coveredUntil).toBe(10_000);
  });

  it('gives no base when a bucket has only incomplete or broken snapshots, so its vehicles are not left out', () => {
    const picker = new SnapshotPicker();
    picker.add(record(10_000, 0, ['a']));
    picker.add(record(10_000, 1, ['b'], 0, 2));
    expect(picker.pick(10_000)).toBeUndefined();
    const broken = new SnapshotPicker();
    broken.add(record(10_000, 0, ['a']));
    broken.add(Buffer.from(JSON.stringify({ at: 10_000, bucket: 1, buckets: 2, chunk: 0, chunks: 1, vehicles: [{ state: { vehicleId: 'b' } }] })));
    expect(broken.pick(10_000)).toBeUndefined();
  });

  it('counts what is not a snapshot and ignores it; nothing read gives no base', () => {
    const picker = new SnapshotPicker();
    expect(picker.pick(10_000)).toBeUndefined();
    picker.add(Buffer.from('not json'));
    picker.add(Buffer.from('{"at":"yesterday"}'));
    picker.add(null);
    picker.add(record(10_000, 0, ['a']));
    expect(picker.rejected).toBe(3);
    expect(ids(picker.pick(10_000))).toEqual(['a']);
  });

  it('follows the newest bucket count when the job was restarted with another FLEET_SNAPSHOT_BUCKETS', () => {
    const picker = new SnapshotPicker();
    picker.add(record(10_000, 1, ['old-layout'], 0, 1, 4));
    picker.add(record(20_000, 0, ['a'], 0, 1, 1));
    expect(ids(picker.pick(20_000))).toEqual(['a']);
  });
});

describe('SnapshotSeries', () => {
  const I = 10_000;
  /** A record as read from fleet.snapshots: keyed by its bucket, stamped with its moment. */
  const read = (at: number, bucket: number, vehicleIds: string[], chunk = 0, chunks = 1) => ({
    key: Buffer.from(String(bucket)),
    value: record(at, bucket, vehicleIds, chunk, chunks),
    timestamp: at,
  });
  const served = (series: SnapshotSeries, moments: number[]) =>
    series.completeUpTo(moments, I).map(
      (moment) =>
        `${moment.at}:${moment.vehicles
          .map((v) => v.state.vehicleId)
          .sort()
          .join(',')}`,
    );

  it('gives the whole fleet at each wanted moment, parsing only those', () => {
    const series = new SnapshotSeries(new Set([20_000, 40_000]));
    for (const at of [10_000, 20_000, 30_000, 40_000]) {
      series.add(read(at, 0, [`a@${at}`]));
      series.add(read(at, 1, [`b@${at}`]));
    }
    // An unwanted moment's value is never parsed: a broken one there changes nothing.
    series.add({ key: Buffer.from('1'), value: Buffer.from('not json'), timestamp: 30_000 });
    expect(served(series, [20_000, 40_000])).toEqual(['20000:a@20000,b@20000', '40000:a@40000,b@40000']);
  });

  it('stops at the first moment missing a bucket the moment before had (the job has not written it yet)', () => {
    const series = new SnapshotSeries(new Set([20_000, 30_000, 40_000]));
    for (const at of [10_000, 20_000, 30_000]) series.add(read(at, 0, ['a']));
    for (const at of [10_000, 20_000]) series.add(read(at, 1, ['b']));
    series.add(read(40_000, 0, ['a']));
    series.add(read(40_000, 1, ['b']));
    expect(served(series, [20_000, 30_000, 40_000])).toEqual(['20000:a,b']);
  });

  it('takes a bucket that appears (a first vehicle), and stops at a moment with a chunk missing or none written', () => {
    const series = new SnapshotSeries(new Set([20_000, 30_000, 40_000]));
    series.add(read(10_000, 0, ['a']));
    series.add(read(20_000, 0, ['a']));
    series.add(read(20_000, 1, ['new']));
    series.add(read(30_000, 0, ['a1'], 0, 2));
    series.add(read(30_000, 1, ['new']));
    expect(served(series, [20_000, 30_000, 40_000])).toEqual(['20000:a,new']);
  });

  it('serves nothing without the moment one interval before the first (where the job started, or a pause it skipped)', () => {
    const series = new SnapshotSeries(new Set([20_000]));
    series.add(read(20_000, 0, ['a']));
    expect(served(series, [20_000])).toEqual([]);
  });
});

describe('a snapshot entry as a replay sends it', () => {
  it("is the state with when it reached Kafka, and for a step also the job's still-position timing", () => {
    const picker = new SnapshotPicker();
    picker.add(record(10_000, 0, ['a'], 0, 1, 1));
    const [entry] = picker.pick(10_000)!.vehicles;
    expect(withReceivedAt(entry!)).toEqual({ ...state('a', 9_800), receivedAt: 9_900 });
    const [again] = picker.pick(10_000)!.vehicles;
    expect(asStepVehicle(again!)).toEqual({ ...state('a', 9_800), receivedAt: 9_900, positionSince: 9_500, movedWhileStill: false });
    expect(replayStepVehicleSchema.parse(asStepVehicle(picker.pick(10_000)!.vehicles[0]!))).toBeTruthy();
  });
});
