// npx tsx bench/fleet/frame-bytes.ts [--cabs 6000 --tankers 4000 --seconds 60]
// Bytes per second one client receives on the `fleet` channel, from the frames alone: the simulator's
// fleet model → the fleet-state enrichment → the BFF's FleetStore → FleetFrameEncoder, on a simulated
// clock (no Kafka, no sockets), against the previous format (whole vehicles as JSON objects).
// Deterministic for a seed and independent of how loaded the machine is; `npm run bench:fleet`
// measures the same on the wire, end to end.
import { parseArgs } from 'node:util';

import type { RawTelemetry, Vehicle, VehicleState } from '../../lib/contracts/fleet';
import type { VehicleView } from '../../lib/realtime/events';
import { createFleetModel } from '../../pipeline/simulator/fleet-model';
import { FleetFrameEncoder } from '../../server/fleet/fleet-frames';
import { FleetStore } from '../../server/fleet/fleet-store';

const { values } = parseArgs({
  options: {
    cabs: { type: 'string', default: '6000' },
    tankers: { type: 'string', default: '4000' },
    seconds: { type: 'string', default: '60' },
    'tick-ms': { type: 'string', default: '100' },
  },
});
const cabs = Number(values.cabs);
const tankers = Number(values.tankers);
const seconds = Number(values.seconds);
const tickMs = Number(values['tick-ms']);
const WARM_UP_MS = 10_000;
/** Socket.IO's text packet around the payload: `42["fleet:update",` … `]`. */
const ENVELOPE_BYTES = '42["fleet:update",]'.length;

const start = Date.UTC(2026, 11, 3, 8);
const model = createFleetModel({ seed: 42, cabs, tankers, intervalMs: 1_000, startMs: start });
const registry = new Map(model.registry.map((vehicle) => [vehicle.vehicleId, vehicle]));
const store = new FleetStore({ offlineAfterMs: 30_000, historyMs: 60_000, maxHistoryPoints: 100 });
const encoder = new FleetFrameEncoder();
let compactBytes = 0;
let wholeBytes = 0;
let frames = 0;
let updates = 0;
let snapshotBytes = 0;

for (let now = start; now < start + WARM_UP_MS + seconds * 1_000; now += tickMs) {
  for (const reading of model.due(now)) {
    store.apply(asFleetStateWrites(reading, registry.get(reading.vehicleId)), now + 30);
  }
  store.sweepOffline(now);
  const changed: VehicleView[] = store.takeChanges(now);
  const delta = encoder.delta(changed, now, 12);
  if (now < start + WARM_UP_MS || changed.length === 0) continue;
  frames += 1;
  updates += delta.v.length;
  compactBytes += Buffer.byteLength(JSON.stringify(delta)) + ENVELOPE_BYTES;
  wholeBytes += Buffer.byteLength(JSON.stringify({ snapshot: false, vehicles: changed, removed: [], sentAt: now, consumerLagMs: 12 })) + ENVELOPE_BYTES;
}
snapshotBytes = Buffer.byteLength(JSON.stringify(encoder.snapshot(start))) + ENVELOPE_BYTES;

const kib = (bytes: number) => (bytes / seconds / 1024).toFixed(0);
console.log(`${cabs + tankers} vehicles at 1 Hz, ${tickMs} ms ticks, ${seconds} s simulated after ${WARM_UP_MS / 1000} s warm-up:`);
console.log(`  frames ${(frames / seconds).toFixed(1)}/s, vehicle updates ${(updates / seconds).toFixed(0)}/s`);
console.log(`  compact deltas (changed fields only): ${kib(compactBytes)} KiB/s, ${(compactBytes / updates).toFixed(1)} bytes per vehicle update`);
console.log(`  previous format (whole vehicles):     ${kib(wholeBytes)} KiB/s, ${(wholeBytes / updates).toFixed(1)} bytes per vehicle update`);
console.log(`  snapshot on subscribe: ${(snapshotBytes / 1024).toFixed(0)} KiB`);

/** What the Flink fleet-state job writes for a fix (pipeline/flink …/fleetstate): the fix, its registry entry, its status. */
function asFleetStateWrites(reading: RawTelemetry, vehicle: Vehicle | undefined): VehicleState {
  const status = !reading.ignition ? 'parked' : reading.speedKmh < 3 ? 'idle' : 'moving';
  return {
    ...reading,
    plate: vehicle?.plate ?? 'unregistered',
    driver: vehicle?.driver ?? 'unregistered',
    depot: vehicle?.depot,
    cargo: vehicle?.cargo,
    status,
  };
}
