import type { Kafka, Producer } from 'kafkajs';

import type { HealthResponse, KafkaReachability, ReadinessResponse } from '@/lib/api/health';
import { ZONES_REPLAY_HOURS } from '@/lib/api/zones';
import { alertSchema } from '@/lib/contracts/alerts';
import type { Alert } from '@/lib/contracts/alerts';
import { TOPICS, dlqTopicSpec, productTopicSpecs } from '@/lib/contracts/topics';
import type { LagResponse } from '@/lib/lag/api';
import { createKafka } from '@/platform/kafka/client';
import { ensureTopics } from '@/platform/kafka/topics';
import type { Logger } from '@/platform/logger';

import { AlertService } from './alerts/alert-service';
import { AlertStore } from './alerts/alert-store';
import type { Config } from './config';
import { FleetStore } from './fleet/fleet-store';
import { ReplayWorkerClient } from './fleet/replay-client';
import type { StreetMap } from './fleet/street-map';
import { streetMap } from './fleet/street-map';
import { FlinkMonitor } from './flink/flink-monitor';
import { readiness } from './health/readiness';
import { ClusterMonitor } from './kafka/cluster-monitor';
import type { RunningConsumer } from './kafka/contract-consumer';
import { DeadLetters } from './kafka/dead-letters';
import { retryUntilDone } from './kafka/retry';
import { StreamStats } from './kafka/stream-stats';
import { LagAlerts } from './lag/lag-alerts';
import type { LagPollResult } from './lag/lag-monitor';
import { LagMonitor } from './lag/lag-monitor';
import { registry } from './metrics';
import type { AlertingConfig } from './notify/config';
import { InboundAlerts } from './notify/inbound';
import { NotifyService } from './notify/notify-service';
import type { BffRuntime } from './runtime';
import { SalesStore } from './sales/sales-store';
import { startAlertsStream } from './streams/alerts-stream';
import { startDeadLetterReasonsStream } from './streams/dead-letter-reasons-stream';
import { startFleetStream } from './streams/fleet-stream';
import { startSalesStream } from './streams/sales-stream';
import { startZonesStream } from './streams/zones-stream';
import { ZoneStore } from './zones/zone-store';

/** The BFF's own consumer groups: unique per instance, never committed, marked as the dashboard's own in the lag view. */
export function bffGroupId(instanceId: string, stream: string): string {
  return `bff.${instanceId}.${stream}`;
}

/**
 * The BFF's live state and its Kafka side. Streams start in the background and retry until the
 * cluster answers, so pages and health are served (as degraded) while Kafka is away.
 */
export class Bff {
  readonly fleet: FleetStore;
  readonly sales = new SalesStore();
  readonly zones = new ZoneStore({ keepWindowsMs: ZONES_REPLAY_HOURS * 3_600_000 });
  readonly stats: StreamStats;
  readonly alerts: AlertStore;
  readonly alertService: AlertService;
  private alertSweep: NodeJS.Timeout | undefined;
  readonly lag: LagMonitor;
  private readonly lagAlerts: LagAlerts;
  private readonly lagListeners = new Set<(update: LagResponse) => void>();
  /** Lag alerts raised before the producer is up (or while a send fails), sent with the next poll. */
  private pendingLagAlerts: Alert[] = [];
  private readonly kafka: Kafka;
  private readonly monitor: ClusterMonitor;
  private readonly flink: FlinkMonitor;
  private producer: Producer | undefined;
  /** By stream name, for readiness. */
  private consumers = new Map<string, RunningConsumer>();
  private streamsStarted = false;
  /** Undefined without ALERTING_CONFIG: nothing is sent. */
  readonly notify: NotifyService | undefined;
  private readonly inbound = new InboundAlerts(() => this.producer);
  private stopping = false;
  /** Built on first request: the same for the whole life of the BFF (one seed). */
  private streets: StreetMap | undefined;
  private readonly startedAt = Date.now();
  /** Time travel on the fleet page: reads Kafka by time on request, on a worker thread of its own. */
  private readonly replay: ReplayWorkerClient;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    alerting?: AlertingConfig,
  ) {
    this.kafka = createKafka(config.kafka, `bff-${config.bff.instanceId}`);
    // The probe's own client never retries and gives up within the probe's timeout: see ClusterMonitor.
    const { probeIntervalMs, probeTimeoutMs } = config.health;
    const probeKafka = createKafka(config.kafka, `bff-${config.bff.instanceId}-probe`, {
      connectionTimeout: probeTimeoutMs,
      requestTimeout: probeTimeoutMs,
      retry: { retries: 0 },
    });
    this.monitor = new ClusterMonitor(probeKafka, logger, config.kafka, { intervalMs: probeIntervalMs, timeoutMs: probeTimeoutMs });
    this.flink = new FlinkMonitor(config.flink.restUrl, logger);
    this.stats = new StreamStats(logger);
    this.alerts = new AlertStore({ maxAlerts: config.bff.alertsMax, limits: config.alertLimits });
    this.alertService = new AlertService(this.alerts, () => this.producer, config.alertLimits);
    // The fleet view marks vehicles with open alerts: the alert store, where they open and close, is asked directly.
    this.fleet = new FleetStore({
      offlineAfterMs: config.bff.fleetOfflineAfterMs,
      delayedAfterMs: config.bff.fleetDelayedAfterMs,
      frozenAfterMs: config.bff.fleetFrozenGpsAfterMs,
      openAlertsOf: (vehicleId) => this.alerts.openAlertsOf(vehicleId),
      alertSeverityOf: (vehicleId) => this.alerts.worstFiringOf(vehicleId),
      historyMs: 15 * 60_000,
      maxHistoryPoints: 1_000,
    });
    // An alert opening or closing on a vehicle puts it in the next fleet delta, so its map mark follows.
    this.alerts.onVehicleOpenAlertsChanged((vehicleId) => this.fleet.markChanged(vehicleId));
    this.lagAlerts = new LagAlerts(config.lag.alertSeconds);
    this.lag = new LagMonitor(this.kafka, config.lag, logger, (result) => this.afterLagPoll(result));
    this.notify = alerting && this.notifyService(alerting);
    const rules = {
      offlineAfterMs: config.bff.fleetOfflineAfterMs,
      delayedAfterMs: config.bff.fleetDelayedAfterMs,
      frozenAfterMs: config.bff.fleetFrozenGpsAfterMs,
    };
    this.replay = new ReplayWorkerClient(
      { kafka: config.kafka, clientIdSuffix: `bff-${config.bff.instanceId}-replay`, replay: config.replay, rules },
      logger.child({ component: 'replay' }),
    );
  }

  private notifyService(alerting: AlertingConfig): NotifyService {
    return new NotifyService({
      kafka: this.kafka,
      config: this.config,
      alerting,
      store: this.alerts,
      producer: () => this.producer,
      groupPrefix: `bff.${this.config.bff.instanceId}`,
      stats: this.stats,
      logger: this.logger.child({ component: 'notifier' }),
    });
  }

  /** Called after every lag poll, e.g. by the `lag` channel. */
  onLagPoll(listener: (update: LagResponse) => void): () => void {
    this.lagListeners.add(listener);
    return () => this.lagListeners.delete(listener);
  }

  private async afterLagPoll(result: LagPollResult): Promise<void> {
    for (const listener of this.lagListeners) listener(result.response);
    // At most this many wait for the producer, because otherwise an unreachable cluster would grow the queue without bound.
    this.pendingLagAlerts = [...this.pendingLagAlerts, ...this.lagAlerts.update(result.verdicts, Date.now())].slice(-1_000);
    if (!this.producer || this.pendingLagAlerts.length === 0) return;
    const alerts = this.pendingLagAlerts;
    this.pendingLagAlerts = [];
    try {
      await this.producer.send({
        topic: TOPICS.lagAlerts,
        messages: alerts.map((alert) => ({ key: alert.alertId, value: JSON.stringify(alertSchema.parse(alert)) })),
      });
      for (const alert of alerts)
        this.logger.info(
          { alertId: alert.alertId, groupId: 'groupId' in alert ? alert.groupId : undefined, state: alert.state, metric: alert.metric },
          'consumer-lag alert',
        );
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not send lag alerts; retrying after the next poll');
      this.pendingLagAlerts = [...alerts, ...this.pendingLagAlerts];
    }
  }

  /** Starts streaming in the background; resolves once the first attempt is made. */
  start(): void {
    void this.monitor.start();
    this.flink.start();
    void this.startStreamsWithRetry();
    this.lag.start();
    this.replay.start();
    // Snoozes and silences end with time, not with a message.
    this.alertSweep = setInterval(() => {
      this.alerts.sweep();
      this.alertService
        .autoResolve(this.config.alertAutoResolve, Date.now())
        .catch((error: unknown) => this.logger.warn({ err: error }, 'auto-resolve: could not write the actions; retrying next second'));
    }, 1_000);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.lag.stop();
    clearInterval(this.alertSweep);
    await this.notify?.stop();
    await Promise.allSettled([...this.consumers.values()].map((consumer) => consumer.stop()));
    await this.producer?.disconnect().catch(() => undefined);
    await this.monitor.stop();
    this.flink.stop();
    await this.replay.stop();
  }

  runtime(): BffRuntime {
    return {
      instanceId: this.config.bff.instanceId,
      health: async () => this.health(),
      ready: () => this.ready(),
      metrics: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
      fleetSnapshot: () => this.fleet.snapshot(Date.now()),
      vehicleHistory: (vehicleId, minutes) =>
        this.fleet.view(vehicleId, Date.now()) ? this.fleet.history(vehicleId, Date.now() - minutes * 60_000) : undefined,
      salesPerMinute: (minutes) => ({ ...this.sales.summary(minutes, Date.now()), currency: this.config.sales.currency }),
      zonesOccupancy: (pastWindows) => this.zones.snapshot(Date.now(), pastWindows),
      lagSummaries: () => this.lag.summaries(),
      lagGroup: (groupId) => this.lag.detail(groupId),
      alerts: this.alertService,
      replay: this.replay,
      alerting: this.notify,
      inbound: this.inbound,
      fleetMapStyleUrl: this.config.bff.fleetMapStyleUrl,
      streetMap: () => (this.streets ??= streetMap(this.config.bff.streetMapSeed)),
    };
  }

  health(): HealthResponse {
    const kafka = this.monitor.status();
    const problems: string[] = [];
    if (!kafka.connected) problems.push(kafka.problem ?? `Kafka at ${this.config.kafka.brokers.join(',')} does not answer`);
    if (!this.streamsStarted) problems.push('streams are not consuming yet');
    const { problems: flinkProblems, ...flink } = this.flink.status();
    problems.push(...flinkProblems);
    return {
      status: problems.length === 0 ? 'ok' : 'degraded',
      kafka: { connected: kafka.connected, brokers: kafka.connected ? kafka.brokers : this.config.kafka.brokers, unreachableSince: kafka.unreachableSince },
      streams: this.stats.snapshot(),
      deadLetters: kafka.deadLetters,
      flink,
      uptimeS: Math.round((Date.now() - this.startedAt) / 1000),
      instanceId: this.config.bff.instanceId,
      problems,
    };
  }

  ready(): ReadinessResponse {
    const streams = this.streamsStarted ? Object.fromEntries([...this.consumers].map(([name, consumer]) => [name, consumer.state()])) : undefined;
    return readiness({ kafka: this.monitor.status(), streams, flink: this.flink.status(), requireJobs: this.config.health.readyRequiresJobs });
  }

  /** Whether Kafka answers now, and every change of it (the banner in every view). */
  kafkaReachability(): KafkaReachability {
    return this.monitor.reachabilityNow();
  }

  onKafkaReachability(listener: (state: KafkaReachability) => void): () => void {
    return this.monitor.onChange(listener);
  }

  private async startStreamsWithRetry(): Promise<void> {
    await retryUntilDone('start streams', () => this.startStreams(), {
      logger: this.logger,
      // A BFF started beside its broker (`npm run demo` starts both at once) connects within 5 s of it coming up.
      maxDelayMs: 5_000,
      isStopping: () => this.stopping,
      cleanup: async () => {
        await Promise.allSettled([...this.consumers.values()].map((consumer) => consumer.stop()));
        this.consumers.clear();
      },
    }).catch(() => undefined);
    this.streamsStarted = !this.stopping;
  }

  private async startStreams(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [...productTopicSpecs(this.config.kafka), dlqTopicSpec('bff')], this.config.kafka.topicReplicationFactor, this.logger);
    } finally {
      await admin.disconnect();
    }
    this.producer ??= this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    const deadLetters = new DeadLetters(this.producer, 'bff');
    const fleetStream = await startFleetStream({
      kafka: this.kafka,
      groupId: bffGroupId(this.config.bff.instanceId, 'fleet'),
      replayMinutes: this.config.bff.fleetReplayMinutes,
      fleet: this.fleet,
      deadLetters,
      stats: this.stats,
      logger: this.logger,
    });
    this.consumers.set('fleet', fleetStream);
    void fleetStream.caughtUp.then(() => this.logger.info({ vehicles: this.fleet.size }, 'fleet replay loaded'));
    const salesStream = await startSalesStream({
      kafka: this.kafka,
      groupId: bffGroupId(this.config.bff.instanceId, 'sales'),
      sales: this.sales,
      deadLetters,
      stats: this.stats,
      logger: this.logger,
    });
    this.consumers.set('sales', salesStream);
    void salesStream.caughtUp.then(() => this.logger.info({ rows: this.sales.size }, 'sales replay loaded'));
    const zonesStream = await startZonesStream({
      kafka: this.kafka,
      groupId: bffGroupId(this.config.bff.instanceId, 'zones'),
      store: this.zones,
      deadLetters,
      stats: this.stats,
      logger: this.logger,
    });
    this.consumers.set('zones', zonesStream);
    void zonesStream.caughtUp.then(() => this.logger.info({ zones: this.zones.size }, 'zones loaded'));
    this.consumers.set(
      'dead-letter-reasons',
      await startDeadLetterReasonsStream({
        kafka: this.kafka,
        groupId: bffGroupId(this.config.bff.instanceId, 'dead-letter-reasons'),
        replicationFactor: this.config.kafka.topicReplicationFactor,
        logger: this.logger,
      }),
    );
    const alertsStream = await startAlertsStream({
      kafka: this.kafka,
      groupId: bffGroupId(this.config.bff.instanceId, 'alerts'),
      store: this.alerts,
      deadLetters,
      stats: this.stats,
      logger: this.logger,
    });
    this.consumers.set('alerts', alertsStream);
    void alertsStream.caughtUp.then(() => this.logger.info({ alerts: this.alerts.size }, 'alerts and their actions loaded'));
    if (this.notify) {
      const notify = this.notify;
      // Sending waits for the whole inbox, so nothing already told is told again after a restart.
      void alertsStream.caughtUp.then(() =>
        retryUntilDone('start the notifier', () => notify.start(deadLetters), {
          logger: this.logger,
          isStopping: () => this.stopping,
          cleanup: () => notify.stop(),
        }).catch(() => undefined),
      );
    }
  }
}
