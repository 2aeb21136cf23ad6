import { createServer } from 'node:http';

import next from 'next';

import { channelKind } from '@/lib/realtime/channels';
import type { Logger } from '@/platform/logger';
import { getLogger } from '@/platform/logger';

import { createGate } from './auth/gate';
import { RevokedSessions } from './auth/sessions';
import { Bff } from './bff';
import type { Config } from './config';
import { DEMO_ADMIN_TOKEN, DEMO_PASSWORD, getConfigOrExit } from './config';
import { keepBodyEncoding } from './http/body-encoding';
import { limitBody } from './http/body-limit';
import { applySecurityHeaders, mapStyleOrigin } from './http/security-headers';
import { loadAlertingConfigOrExit } from './notify/config';
import { AlertsChannel } from './realtime/alerts-channel';
import { FleetChannel } from './realtime/fleet-channel';
import { pushKafkaStatus } from './realtime/kafka-status';
import { LagChannel } from './realtime/lag-channel';
import { SalesChannel } from './realtime/sales-channel';
import type { ChannelJoinHandler } from './realtime/socket-server';
import { createSocketServer } from './realtime/socket-server';
import { ZonesChannel } from './realtime/zones-channel';
import { publishRuntime } from './runtime';

/**
 * The BFF: one Node process serving the Next.js pages, `/api/*`, `/metrics` and Socket.IO on one
 * port. Route handlers reach the live state through `server/runtime.ts`.
 */
async function main(): Promise<void> {
  const config = getConfigOrExit();
  const logger = getLogger('bff');
  const alerting = loadAlertingConfigOrExit(config.notify.configFile);
  const dev = process.env.NODE_ENV !== 'production';
  // next-auth takes its own base URL (for redirects and callback URLs) from this variable.
  process.env.NEXTAUTH_URL ??= config.auth.publicUrl;
  announceDemoMode(config, logger);
  const app = next({ dev, hostname: config.bff.host, port: config.bff.port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const bff = new Bff(config, logger, alerting);
  publishRuntime(bff.runtime());
  const revoked = new RevokedSessions();
  const gate = createGate(config.auth, revoked, logger);
  const https = config.auth.publicUrl.startsWith('https://');
  const mapOrigin = mapStyleOrigin(config.bff.fleetMapStyleUrl);
  const httpServer = createServer((request, response) => {
    applySecurityHeaders(request, response, { dev, https, mapOrigin });
    keepBodyEncoding(response);
    if (limitBody(request, response, config.bff.maxBodyBytes)) return;
    gate(request, response)
      .then((answered) => (answered ? undefined : handle(request, response)))
      .catch((error: unknown) => {
        logger.error({ err: (error as Error).message, url: request.url }, 'request failed');
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'internal', message: 'Internal error; see the server log.' } }));
      });
  });
  // What each channel sends a client that joins it; keyed by channelKind (`vehicle:<id>` → `vehicle`).
  const onJoin: Partial<Record<string, ChannelJoinHandler>> = {
    fleet: (socket) => fleetChannel.sendSnapshot(socket),
    vehicle: (socket, channel) => fleetChannel.sendVehicleHistory(socket, channel.slice('vehicle:'.length)),
    sales: (socket) => salesChannel.sendRecent(socket),
    zones: (socket) => zonesChannel.sendSnapshot(socket),
    lag: (socket) => lagChannel.sendSnapshot(socket),
    alerts: (socket) => alertsChannel.join(socket),
  };
  const io = createSocketServer(httpServer, config.auth, revoked, logger, (socket, channel) => onJoin[channelKind(channel)]?.(socket, channel));
  const fleetChannel = new FleetChannel(io, bff.fleet, config.bff.fleetTickMs);
  fleetChannel.start();
  const salesChannel = new SalesChannel(io, bff.sales);
  salesChannel.start();
  const zonesChannel = new ZonesChannel(io, bff.zones);
  zonesChannel.start();
  const lagChannel = new LagChannel(io, bff);
  lagChannel.start();
  const alertsChannel = new AlertsChannel(io, bff.alerts);
  alertsChannel.start();
  const stopKafkaStatus = pushKafkaStatus(io, bff);
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
    salesChannel.stop();
    zonesChannel.stop();
    lagChannel.stop();
    alertsChannel.stop();
    stopKafkaStatus();
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

function announceDemoMode(config: Config, logger: Logger): void {
  if (!config.auth.demoMode) return;
  const users = config.auth.users.filter((user) => user.name === user.role).map((user) => user.name);
  logger.warn(
    { users, password: DEMO_PASSWORD, apiToken: DEMO_ADMIN_TOKEN },
    `DEMO MODE: sign in as ${users.join(', ')} with password "${DEMO_PASSWORD}"; API token "${DEMO_ADMIN_TOKEN}" is admin. Never use demo mode outside this machine.`,
  );
}

main().catch((error: unknown) => {
  console.error('BFF failed to start:', error);
  process.exit(1);
});
