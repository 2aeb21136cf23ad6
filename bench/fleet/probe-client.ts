import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

import type { FleetFrame } from '../../lib/contracts/fleet-frame';
import { applyFrame } from '../../lib/fleet/frame-codec';
import type { ClientToServerEvents, ServerToClientEvents, VehicleView } from '../../lib/realtime/events';
import { DEMO_ADMIN_TOKEN } from '../../server/config';

import { percentile } from './proc-stats';

export interface ProbeWindow {
  seconds: number;
  frames: number;
  vehicleUpdates: number;
  bytes: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  /** From the BFF's receipt of the fix (`receivedAt`) to this client: the BFF's and Socket.IO's share of the latency. */
  bffLatencyP50: number;
  bffLatencyP99: number;
  /** Every sample, sorted: windows are pooled to compare more than one window's handful of worst frames. */
  latencies: number[];
  bffLatencies: number[];
}

/**
 * One real Socket.IO client on the `fleet` channel, as a browser would be: it measures how many
 * frames and bytes reach it, and for every vehicle in a delta the time from the simulator's event
 * time (`ts`, stamped by the simulator from the wall clock of this same machine) to receipt here.
 */
export class ProbeClient {
  /** The fleet as this client has it: frames folded in as the browser folds them. */
  readonly vehicles = new Map<string, VehicleView>();
  /** Newest fix time seen per vehicle: only a newer fix is a latency sample (an offline flip or an alert change re-sends an old one). */
  private readonly lastTs = new Map<string, number>();
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  private latencies: number[] = [];
  private bffLatencies: number[] = [];
  private frames = 0;
  private updates = 0;
  private bytes = 0;
  private windowStart = Date.now();

  async connect(url: string): Promise<void> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ['websocket'],
      auth: { token: DEMO_ADMIN_TOKEN },
      reconnection: true,
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    socket.io.engine.on('data', (data: unknown) => {
      this.bytes += typeof data === 'string' ? Buffer.byteLength(data) : ((data as ArrayBuffer).byteLength ?? 0);
    });
    socket.on('fleet:update', (update) => this.onUpdate(update));
    await new Promise((resolve) => socket.emit('subscribe', { channel: 'fleet' }, resolve));
  }

  private onUpdate(frame: FleetFrame): void {
    const now = Date.now();
    this.frames += 1;
    applyFrame(this.vehicles, frame);
    for (const [vehicleId] of frame.v) {
      const vehicle = this.vehicles.get(vehicleId);
      if (!vehicle) continue;
      const previous = this.lastTs.get(vehicleId);
      this.lastTs.set(vehicleId, Math.max(previous ?? 0, vehicle.ts));
      if (frame.s) continue;
      this.updates += 1;
      if (previous !== undefined && vehicle.ts <= previous) continue;
      this.latencies.push(now - vehicle.ts);
      this.bffLatencies.push(now - vehicle.receivedAt);
    }
  }

  startWindow(): void {
    this.latencies = [];
    this.bffLatencies = [];
    this.frames = 0;
    this.updates = 0;
    this.bytes = 0;
    this.windowStart = Date.now();
  }

  endWindow(): ProbeWindow {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const bffSorted = [...this.bffLatencies].sort((a, b) => a - b);
    return {
      seconds: (Date.now() - this.windowStart) / 1000,
      frames: this.frames,
      vehicleUpdates: this.updates,
      bytes: this.bytes,
      latencyP50: percentile(sorted, 50),
      latencyP99: percentile(sorted, 99),
      latencyMax: sorted.at(-1) ?? Number.NaN,
      bffLatencyP50: percentile(bffSorted, 50),
      bffLatencyP99: percentile(bffSorted, 99),
      latencies: sorted,
      bffLatencies: bffSorted,
    };
  }

  close(): void {
    this.socket?.close();
  }
}
