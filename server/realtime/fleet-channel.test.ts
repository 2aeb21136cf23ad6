import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { VehicleState } from '@/lib/contracts/fleet';
import type { FleetFrame } from '@/lib/contracts/fleet-frame';
import { FULL_MASK } from '@/lib/contracts/fleet-frame';
import { applyFrame } from '@/lib/fleet/frame-codec';
import type { VehicleView } from '@/lib/realtime/events';

import { FleetStore } from '../fleet/fleet-store';

import { FleetChannel } from './fleet-channel';
import type { RealtimeServer } from './socket-server';
import { roomOf } from './socket-server';

const t0 = Date.now();

function fix(vehicleId: string, ts: number, speedKmh = 40): VehicleState {
  return {
    vehicleId,
    fleet: 'cabs',
    ts,
    lat: 51.9 + (ts - t0) / 1e8,
    lon: 4.47,
    speedKmh,
    headingDeg: 90,
    engineTempC: 90,
    fuelPct: 60,
    ignition: true,
    plate: 'P',
    driver: 'D',
    status: 'moving',
  };
}

/** A real Socket.IO server and client on loopback, the channel ticked by hand: the push rules end to end without Kafka. */
describe('FleetChannel over real sockets', () => {
  let io: RealtimeServer;
  let fleet: FleetStore;
  let channel: FleetChannel;
  let url: string;
  const clients: ClientSocket[] = [];

  beforeEach(async () => {
    const http = createServer();
    io = new Server(http) as RealtimeServer;
    // Stands in for the subscribe handler: join the room, then ask for the snapshot.
    io.on('connection', (socket) => {
      void socket.join(roomOf('fleet'));
      channel.sendSnapshot(socket);
    });
    fleet = new FleetStore({ offlineAfterMs: 30_000, historyMs: 60_000, maxHistoryPoints: 100 });
    channel = new FleetChannel(io, fleet, 100);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await io.close();
  });

  async function subscriber(): Promise<FleetFrame[]> {
    const frames: FleetFrame[] = [];
    const client = connect(url, { transports: ['websocket'], reconnection: false });
    clients.push(client);
    client.on('fleet:update', (frame: FleetFrame) => frames.push(frame));
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    await waitFor(() => io.of('/').adapter.rooms.get(roomOf('fleet'))?.size === clients.length);
    return frames;
  }

  it('sends a snapshot, then one coalesced frame per tick with only what changed', async () => {
    fleet.apply(fix('cab-1', t0), t0);
    fleet.apply(fix('cab-2', t0), t0);
    const frames = await subscriber();
    channel.tick(t0 + 100);
    await waitFor(() => frames.length === 1);
    expect(frames[0]).toMatchObject({ s: true });
    expect(frames[0]?.v.map((entry) => [entry[0], entry[1]]).sort()).toEqual([
      ['cab-1', FULL_MASK],
      ['cab-2', FULL_MASK],
    ]);

    fleet.apply(fix('cab-1', t0 + 1000, 10), t0 + 1000);
    fleet.apply(fix('cab-1', t0 + 2000, 20), t0 + 2000);
    channel.tick(t0 + 2100);
    channel.tick(t0 + 2200);
    await waitFor(() => frames.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(frames).toHaveLength(2);
    expect(frames[1]).toMatchObject({ s: false });
    expect(frames[1]?.v.map((entry) => entry[0])).toEqual(['cab-1']);
    expect(frames[1]?.v[0]?.[1]).not.toBe(FULL_MASK);
    const fleetSeen = fold(frames);
    expect(fleetSeen.get('cab-1')).toMatchObject({ speedKmh: 20, ts: t0 + 2000, plate: 'P' });
  });

  it('gives a client that joins later its own snapshot, without disturbing the others', async () => {
    fleet.apply(fix('cab-1', t0), t0);
    const first = await subscriber();
    channel.tick(t0 + 100);
    await waitFor(() => first.length === 1);
    fleet.apply(fix('cab-2', t0 + 150), t0 + 150);
    const second = await subscriber();
    channel.tick(t0 + 200);
    await waitFor(() => first.length === 2 && second.length === 1);
    expect(second[0]).toMatchObject({ s: true });
    expect([...fold(second).keys()].sort()).toEqual(['cab-1', 'cab-2']);
    expect(first[1]).toMatchObject({ s: false });
    expect(first[1]?.v.map((entry) => entry[0])).toEqual(['cab-2']);
    expect(fold(first)).toEqual(fold(second));
  });
});

function fold(frames: FleetFrame[]): Map<string, VehicleView> {
  const fleet = new Map<string, VehicleView>();
  for (const frame of frames) expect(applyFrame(fleet, frame).rejected).toBe(0);
  return fleet;
}

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
