import { createServer } from 'node:http';

import next from 'next';

import { channelKind } from '@/lib/realtime/channels';

import { Bff } from './bff';
import { getConfigOrExit } from './config';
import { getLogger } from './logger';
import { FleetChannel } from './realtime/fleet-channel';
import type { ChannelJoinHandler } from './realtime/socket-server';
import { createSocketServer } from './realtime/socket-server';
import { publishRuntime } from './runtime';

/**
 * The BFF: one Node process serving the Next.js pages, `/api/*`, `/metrics` and Socket.IO on one
 * port. Route handlers reach the live state through `server/runtime.ts`.
 */
async function main(): Promise<void> {
  const config = getConfigOrExit();
  const logger = getLogger('bff');
  const dev = process.env.NODE_ENV !== 'production';
  const app = next({ dev, hostname: config.bff.host, port: config.bff.port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const bff = new Bff(config, logger);
  publishRuntime(bff.runtime());
  const httpServer = createServer((request, response) => void handle(request, response));
  // What each channel sends a client that joins it; keyed by channelKind (`vehicle:<id>` → `vehicle`).
  const onJoin: Partial<Record<string, ChannelJoinHandler>> = {
    fleet: (socket) => fleetChannel.sendSnapshot(socket),
    vehicle: (socket, channel) => fleetChannel.sendVehicleHistory(socket, channel.slice('vehicle:'.length)),
  };
  const io = createSocketServer(httpServer, logger, (socket, channel) => onJoin[channelKind(channel)]?.(socket, channel));
  const fleetChannel = new FleetChannel(io, bff.fleet, config.bff.fleetTickMs);
  fleetChannel.start();
  bff.start();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.bff.port, config.bff.host, resolve);
  });
  logger.info({ url: `http://${config.bff.host}:${config.bff.port}`, instanceId: config.bff.instanceId, dev }, 'BFF listening');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    fleetChannel.stop();
    io.close();
    await bff.stop();
    httpServer.closeAllConnections();
    httpServer.close();
    publishRuntime(undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('BFF failed to start:', error);
  process.exit(1);
});
