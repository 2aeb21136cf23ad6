import type { FleetFrame, FrameEntry } from '@/lib/contracts/fleet-frame';
import { FULL_MASK } from '@/lib/contracts/fleet-frame';
import type { WireRow } from '@/lib/fleet/frame-codec';
import { changedMask, toEntry, toRow } from '@/lib/fleet/frame-codec';
import type { VehicleView } from '@/lib/realtime/events';

/**
 * Builds the `fleet:update` frames. It remembers each vehicle as last broadcast (rounded), so a
 * delta carries only the fields that differ from it. Snapshots and catch-up frames are built from
 * that same memory, never from a fresher view: every client then holds exactly what the broadcast
 * stream describes, and the next delta applies cleanly to it.
 */
export class FleetFrameEncoder {
  private readonly sent = new Map<string, WireRow>();

  /** Records this tick's changed vehicles and returns the delta of what really changed on the wire. */
  delta(changed: readonly VehicleView[], sentAt: number, consumerLagMs?: number): FleetFrame {
    const entries: FrameEntry[] = [];
    for (const view of changed) {
      const row = toRow(view);
      const mask = changedMask(this.sent.get(view.vehicleId), row);
      this.sent.set(view.vehicleId, row);
      if (mask !== 0) entries.push(toEntry(view.vehicleId, row, mask, sentAt));
    }
    return frameOf(false, entries, sentAt, consumerLagMs);
  }

  /** The whole fleet as broadcast so far, complete entries: for a client that (re)subscribes. */
  snapshot(sentAt: number, consumerLagMs?: number): FleetFrame {
    return frameOf(true, this.fullEntries(this.sent.keys(), sentAt), sentAt, consumerLagMs);
  }

  /** Complete entries of some vehicles, merged (not replacing): for a client that missed deltas. */
  catchUp(vehicleIds: Iterable<string>, sentAt: number, consumerLagMs?: number): FleetFrame {
    return frameOf(false, this.fullEntries(vehicleIds, sentAt), sentAt, consumerLagMs);
  }

  private fullEntries(vehicleIds: Iterable<string>, sentAt: number): FrameEntry[] {
    const entries: FrameEntry[] = [];
    for (const vehicleId of vehicleIds) {
      const row = this.sent.get(vehicleId);
      if (row) entries.push(toEntry(vehicleId, row, FULL_MASK, sentAt));
    }
    return entries;
  }
}

function frameOf(snapshot: boolean, entries: FrameEntry[], sentAt: number, consumerLagMs: number | undefined): FleetFrame {
  return consumerLagMs === undefined ? { s: snapshot, t: sentAt, v: entries } : { s: snapshot, t: sentAt, l: consumerLagMs, v: entries };
}
