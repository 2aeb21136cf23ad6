import type { RawTelemetry } from '@/lib/contracts/fleet';
import type { ScenarioName } from '@/lib/contracts/simulator-control';

import type { ZoneOverride } from './campus-model';
import { crowdZone, LATE_FIX_DELAY_MS, overheatEngineTemp, SCENARIOS, sensorSpikeTemp, tankFaultTemp } from './scenarios';

/** A scenario in progress, with everything its effect needs fixed when it started. */
export interface ActiveScenario {
  commandId: string;
  name: Exclude<ScenarioName, 'stop'>;
  target: string;
  startedAtMs: number;
  durationS: number;
  /** overheat: the temperature it climbs to. */
  peakC?: number;
  /** crowd: index of the zone people gather in. */
  zone?: number;
  /** frozen-gps: the position the unit keeps repeating; park: where it stands (both from its first fix in the scenario). */
  frozenAt?: { lat: number; lon: number };
}

/**
 * The running scenarios. Effects are applied to what is sent, never to the models' own state,
 * so the vehicle's healthy values are there to return to the moment a scenario ends.
 */
export class ScenarioBoard {
  private active: ActiveScenario[] = [];

  constructor(private readonly seed: number) {}

  start(scenario: ActiveScenario): void {
    this.active.push(scenario);
  }

  /** Ends everything now (the `stop` command); returns the scenarios that were still within their duration. */
  stopAll(nowMs: number): ActiveScenario[] {
    const running = this.active.filter((scenario) => !pastDuration(scenario, nowMs));
    this.active = [];
    return running;
  }

  /** Drops scenarios whose recovery is over; returns those whose duration ended since the last call. */
  expire(sinceMs: number, nowMs: number): ActiveScenario[] {
    const ended = this.active.filter((scenario) => pastDuration(scenario, nowMs) && !pastDuration(scenario, sinceMs));
    this.active = this.active.filter((scenario) => nowMs < endOfEffectMs(scenario));
    return ended;
  }

  running(name: ActiveScenario['name'], nowMs: number): ActiveScenario[] {
    return this.active.filter((scenario) => scenario.name === name && !pastDuration(scenario, nowMs));
  }

  /** The fix a vehicle under a fault scenario sends. Called for every fix: the common case must stay cheap. */
  readonly adjustReading = (reading: RawTelemetry): RawTelemetry | undefined => {
    if (this.active.length === 0) return reading;
    let adjusted: RawTelemetry | undefined = reading;
    for (const scenario of this.active) {
      if (adjusted && scenario.target === reading.vehicleId) adjusted = applyToReading(adjusted, scenario);
    }
    return adjusted;
  };

  /** Where a crowd scenario puts badges at `nowMs`, if one is running. */
  crowdOverride(nowMs: number): ZoneOverride | undefined {
    const crowd = this.active.find((scenario) => scenario.name === 'crowd' && scenario.zone !== undefined);
    if (!crowd || crowd.zone === undefined) return undefined;
    const { zone, durationS } = crowd;
    const elapsedS = (nowMs - crowd.startedAtMs) / 1_000;
    return (badge) => crowdZone(this.seed, badge, elapsedS, durationS, zone);
  }
}

export function applyToReading(reading: RawTelemetry, scenario: ActiveScenario): RawTelemetry | undefined {
  const elapsedS = (reading.ts - scenario.startedAtMs) / 1_000;
  const within = elapsedS >= 0 && elapsedS < scenario.durationS;
  switch (scenario.name) {
    case 'silence':
      return within ? undefined : reading;
    case 'frozen-gps':
      if (!within) return reading;
      scenario.frozenAt ??= { lat: reading.lat, lon: reading.lon };
      return { ...reading, ...scenario.frozenAt };
    case 'park':
      if (!within) return reading;
      scenario.frozenAt ??= { lat: reading.lat, lon: reading.lon };
      // The engine's own temperature is left alone: an overheat running on it goes on reading hot.
      return { ...reading, ...scenario.frozenAt, speedKmh: 0, ignition: false };
    case 'late-fixes':
      return within ? { ...reading, ts: reading.ts - LATE_FIX_DELAY_MS } : reading;
    case 'overheat':
      return { ...reading, engineTempC: round1(overheatEngineTemp(reading.engineTempC, elapsedS, scenario.durationS, scenario.peakC ?? 120)) };
    case 'sensor-spike':
      return { ...reading, engineTempC: round1(sensorSpikeTemp(reading.engineTempC, elapsedS)) };
    case 'cooling-failure':
    case 'freezing':
      if (reading.containerTempC === undefined) return reading;
      return { ...reading, containerTempC: round1(tankFaultTemp(scenario.name, reading.containerTempC, elapsedS, scenario.durationS)) };
    default:
      return reading;
  }
}

function pastDuration(scenario: ActiveScenario, nowMs: number): boolean {
  return nowMs >= scenario.startedAtMs + scenario.durationS * 1_000;
}

function endOfEffectMs(scenario: ActiveScenario): number {
  return scenario.startedAtMs + (scenario.durationS + SCENARIOS[scenario.name].recoveryS) * 1_000;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
