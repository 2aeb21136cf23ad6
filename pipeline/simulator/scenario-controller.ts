import type { Fleet } from '@/lib/contracts/fleet';
import type { ScenarioCommand } from '@/lib/contracts/simulator-control';
import type { Logger } from '@/platform/logger';

import type { Rng } from './random';
import { between } from './random';
import type { ActiveScenario, ScenarioBoard } from './scenario-board';
import { ARCHIVER_GROUP, SCENARIOS, SPIKE_S } from './scenarios';

/** What scenarios can be aimed at in this simulator run. */
export interface ScenarioTargets {
  pickVehicle(rng: Rng, fleet?: Fleet): string | undefined;
  fleetOf(vehicleId: string): Fleet | undefined;
  zoneIds: readonly string[];
  /** Absent when the demo consumer is not running (--no-archiver). */
  archiver?: { pause(): void; resume(): void };
}

export type Resolution = { ok: true; scenario: ActiveScenario } | { ok: false; reason: string };

/** Turns a command into a running scenario: checks its target, or picks one, and fixes its parameters. */
export function resolveScenario(command: ScenarioCommand, targets: ScenarioTargets, rng: Rng, nowMs: number): Resolution {
  if (command.scenario === 'stop') return { ok: false, reason: 'stop is not a scenario to start' };
  const definition = SCENARIOS[command.scenario];
  const target = resolveTarget(command, targets, rng);
  if (!target.ok) return target;
  const durationS = command.scenario === 'sensor-spike' ? SPIKE_S : (command.durationS ?? definition.defaultDurationS);
  const scenario: ActiveScenario = { commandId: command.commandId, name: command.scenario, target: target.id, startedAtMs: nowMs, durationS };
  if (command.scenario === 'overheat') scenario.peakC = between(rng, 117, 123);
  if (command.scenario === 'crowd') scenario.zone = targets.zoneIds.indexOf(target.id);
  return { ok: true, scenario };
}

function resolveTarget(command: ScenarioCommand, targets: ScenarioTargets, rng: Rng): { ok: true; id: string } | { ok: false; reason: string } {
  const wanted = command.target;
  switch (SCENARIOS[command.scenario].target) {
    case 'vehicle':
    case 'tanker': {
      const fleet = SCENARIOS[command.scenario].target === 'tanker' ? 'tankers' : undefined;
      const id = wanted ?? targets.pickVehicle(rng, fleet);
      if (id === undefined) return { ok: false, reason: `no ${fleet ?? 'vehicle'} in this fleet` };
      const actual = targets.fleetOf(id);
      if (actual === undefined) return { ok: false, reason: `unknown vehicle ${id}` };
      return fleet && actual !== fleet ? { ok: false, reason: `${id} is not a tanker` } : { ok: true, id };
    }
    case 'zone': {
      const id = wanted ?? SCENARIOS.crowd.defaultTarget;
      return targets.zoneIds.includes(id) ? { ok: true, id } : { ok: false, reason: `unknown zone ${id} (zones: ${targets.zoneIds.join(', ')})` };
    }
    case 'consumer-group':
      if (!targets.archiver) return { ok: false, reason: 'the demo consumer is not running (started with --no-archiver)' };
      return wanted === undefined || wanted === ARCHIVER_GROUP
        ? { ok: true, id: ARCHIVER_GROUP }
        : { ok: false, reason: `only ${ARCHIVER_GROUP} can be stalled` };
    default:
      return { ok: true, id: '' };
  }
}

/** Applies commands from `simulator.control` to the board, logging each scenario's start and end. */
export class ScenarioController {
  private lastTickMs: number;

  constructor(
    private readonly board: ScenarioBoard,
    private readonly targets: ScenarioTargets,
    private readonly rng: Rng,
    private readonly logger: Logger,
    nowMs: number,
  ) {
    this.lastTickMs = nowMs;
  }

  handle(command: ScenarioCommand, nowMs: number): void {
    if (command.scenario === 'stop') {
      const stopped = this.board.stopAll(nowMs);
      this.logger.info({ commandId: command.commandId, stopped: stopped.map(describe) }, 'scenario stop: all scenarios ended');
      stopped.forEach((scenario) => this.onEnd(scenario, nowMs));
      return;
    }
    const resolution = resolveScenario(command, this.targets, this.rng, nowMs);
    if (!resolution.ok) {
      this.logger.warn({ command, reason: resolution.reason }, 'scenario command ignored');
      return;
    }
    this.board.start(resolution.scenario);
    if (resolution.scenario.name === 'stalled-consumer') this.targets.archiver?.pause();
    this.logger.info({ ...describe(resolution.scenario), commandId: command.commandId }, `scenario ${resolution.scenario.name} started`);
  }

  /** Called every producer tick: logs scenarios that ran their course and undoes their side effects. */
  tick(nowMs: number): void {
    for (const scenario of this.board.expire(this.lastTickMs, nowMs)) {
      this.logger.info(describe(scenario), `scenario ${scenario.name} ended`);
      this.onEnd(scenario, nowMs);
    }
    this.lastTickMs = nowMs;
  }

  private onEnd(scenario: ActiveScenario, nowMs: number): void {
    if (scenario.name === 'stalled-consumer' && this.board.running('stalled-consumer', nowMs).length === 0) {
      this.targets.archiver?.resume();
    }
  }
}

function describe(scenario: ActiveScenario): Record<string, unknown> {
  return { scenario: scenario.name, target: scenario.target, durationS: scenario.durationS, peakC: scenario.peakC };
}
