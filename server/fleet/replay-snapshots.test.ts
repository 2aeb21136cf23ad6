import { describe, expect, it } from 'vitest';

import type { FleetSnapshotRecord } from '@/lib/contracts/fleet';

import { vehicleState as state } from '../../test/support/fleet-fixtures';

import { SnapshotPicker } from './replay-snapshots';

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
