import type { ScenarioName } from '@/lib/contracts/simulator-control';

import { hashUnit } from './random';

/** What a scenario acts on, so a command's target can be checked and a default chosen. */
export type TargetKind = 'vehicle' | 'tanker' | 'zone' | 'consumer-group' | 'none';

export interface ScenarioDefinition {
  name: ScenarioName;
  summary: string;
  /** Where an operator sees the effect. */
  watch: string;
  target: TargetKind;
  defaultTarget: string;
  defaultDurationS: number;
  /** Seconds after the duration during which values fade back to normal. */
  recoveryS: number;
}

export const ARCHIVER_GROUP = 'demo.telemetry-archiver';
export const SPIKE_S = 3;
/** late-fixes: how long before sending each fix was taken (a unit buffering over a weak mobile link). */
export const LATE_FIX_DELAY_MS = 8_000;
const OVERHEAT_RISE_S = 5;
/** cooling-failure and freezing: how fast and how far a tank's temperature drifts from its healthy value. */
const TANK_DRIFT_C_PER_S = 1;
const TANK_MAX_DRIFT_C = 35;
const CROWD_SHARE = 0.85;
const CROWD_GATHER_S = 20;

export const SCENARIOS: Record<ScenarioName, ScenarioDefinition> = {
  overheat: {
    name: 'overheat',
    summary: 'engine temperature climbs to 115–125 °C within ~5 s and stays there, then recovers',
    watch: 'Fleet view: the vehicle turns critical; Alert inbox: an engine-temperature anomaly fires after ~10 s',
    target: 'vehicle',
    defaultTarget: 'a random moving vehicle',
    defaultDurationS: 60,
    recoveryS: 15,
  },
  'cooling-failure': {
    name: 'cooling-failure',
    summary: "a tanker's container temperature rises ~1 °C/s, up to +35 °C, then recovers",
    watch: "Fleet view: the tanker's container temperature chart; Alert inbox: a container-temperature anomaly",
    target: 'tanker',
    defaultTarget: 'a random moving tanker',
    defaultDurationS: 60,
    recoveryS: 15,
  },
  freezing: {
    name: 'freezing',
    summary: "a tanker's container temperature falls ~1 °C/s, down to −35 °C from normal (tank heating failed in frost), then recovers",
    watch: "Fleet view: the tanker's container temperature chart; Alert inbox: a container-temperature anomaly below the cargo's band",
    target: 'tanker',
    defaultTarget: 'a random moving tanker',
    defaultDurationS: 60,
    recoveryS: 15,
  },
  'sensor-spike': {
    name: 'sensor-spike',
    summary: 'one engine-temperature sensor reads ~50 °C too high for exactly 3 s (must NOT alert)',
    watch: "Fleet view: a 3-second blip in the vehicle's engine chart; Alert inbox: nothing new",
    target: 'vehicle',
    defaultTarget: 'a random moving vehicle',
    defaultDurationS: SPIKE_S,
    recoveryS: 0,
  },
  'stalled-consumer': {
    name: 'stalled-consumer',
    summary: `consumer group ${ARCHIVER_GROUP} stops consuming and committing but stays in the group`,
    watch: `Consumer lag view: ${ARCHIVER_GROUP} lag grows and it turns "stalled"; a consumer-lag alert fires`,
    target: 'consumer-group',
    defaultTarget: ARCHIVER_GROUP,
    defaultDurationS: 120,
    recoveryS: 0,
  },
  crowd: {
    name: 'crowd',
    summary: 'most badges gather in one zone, well above its capacity',
    watch: 'Concentration view: the zone tops the list above capacity; Alert inbox: a capacity alert for security',
    target: 'zone',
    defaultTarget: 'main-hall',
    defaultDurationS: 300,
    recoveryS: 0,
  },
  silence: {
    name: 'silence',
    summary: 'a vehicle stops sending telemetry (unit switched off or out of coverage), then resumes',
    watch: 'Fleet view: the vehicle turns offline after FLEET_OFFLINE_AFTER_S (30 s), drawn hollow at its last known position',
    target: 'vehicle',
    defaultTarget: 'a random moving vehicle',
    defaultDurationS: 90,
    recoveryS: 0,
  },
  'frozen-gps': {
    name: 'frozen-gps',
    summary: "a vehicle's GPS repeats one position while its speed says it moves",
    watch: 'Fleet view: the vehicle shows "frozen GPS" after FLEET_FROZEN_GPS_AFTER_S (10 s)',
    target: 'vehicle',
    defaultTarget: 'a random moving vehicle',
    defaultDurationS: 60,
    recoveryS: 0,
  },
  'late-fixes': {
    name: 'late-fixes',
    summary: 'a vehicle sends each fix 8 s after taking it (buffering over a weak link)',
    watch: 'Fleet view: the vehicle shows "delayed"',
    target: 'vehicle',
    defaultTarget: 'a random moving vehicle',
    defaultDurationS: 60,
    recoveryS: 0,
  },
  park: {
    name: 'park',
    summary: 'a vehicle pulls over and switches its ignition off where it is, then drives on (combine with overheat: a vehicle that parks mid-fault)',
    watch:
      'Fleet view: the vehicle parked; Alert inbox: an engine alert firing on it reads "inhibited: ignition off", and fires again under the same id if still hot when it drives on',
    target: 'vehicle',
    defaultTarget: 'a random moving vehicle',
    defaultDurationS: 30,
    recoveryS: 0,
  },
  stop: {
    name: 'stop',
    summary: 'ends every running scenario at once',
    watch: 'alerts clear as values return to normal',
    target: 'none',
    defaultTarget: '',
    defaultDurationS: 0,
    recoveryS: 0,
  },
};

/** Engine temperature during an overheat that reached `peakC`; `baseC` is what the healthy engine reads. */
export function overheatEngineTemp(baseC: number, elapsedS: number, durationS: number, peakC: number): number {
  if (elapsedS < 0) return baseC;
  if (elapsedS < OVERHEAT_RISE_S) return baseC + ((peakC - baseC) * elapsedS) / OVERHEAT_RISE_S;
  // A slow wobble of about a degree: a real overheating engine is not a flat line.
  if (elapsedS <= durationS) return peakC + Math.sin(elapsedS / 4);
  return fade(peakC, baseC, elapsedS - durationS, SCENARIOS.overheat.recoveryS);
}

/**
 * Container temperature during a tank fault: cooling-failure warms it, freezing chills it, by
 * 1 °C/s up to 35 °C while it lasts, then it fades back.
 */
export function tankFaultTemp(scenario: 'cooling-failure' | 'freezing', baseC: number, elapsedS: number, durationS: number): number {
  if (elapsedS < 0) return baseC;
  const sign = scenario === 'freezing' ? -1 : 1;
  const driftC = sign * Math.min(TANK_MAX_DRIFT_C, Math.min(elapsedS, durationS) * TANK_DRIFT_C_PER_S);
  if (elapsedS <= durationS) return baseC + driftC;
  return fade(baseC + driftC, baseC, elapsedS - durationS, SCENARIOS[scenario].recoveryS);
}

/** A faulty reading for exactly SPIKE_S seconds from the start, normal before and after. */
export function sensorSpikeTemp(baseC: number, elapsedS: number): number {
  return elapsedS >= 0 && elapsedS < SPIKE_S ? baseC + 50 : baseC;
}

/** The zone a badge is pulled to by a crowd, or undefined while it follows its own day. */
export function crowdZone(seed: number, badge: number, elapsedS: number, durationS: number, zone: number): number | undefined {
  if (elapsedS < 0 || elapsedS >= durationS || hashUnit(seed, 'crowd', badge) >= CROWD_SHARE) return undefined;
  // People trickle in over the first seconds instead of appearing all at once.
  return elapsedS >= hashUnit(seed, 'crowd-join', badge) * CROWD_GATHER_S ? zone : undefined;
}

function fade(fromC: number, toC: number, sinceS: number, overS: number): number {
  if (overS <= 0 || sinceS >= overS) return toC;
  return fromC + ((toC - fromC) * sinceS) / overS;
}
