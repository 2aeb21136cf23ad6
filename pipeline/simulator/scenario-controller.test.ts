import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';

import type { ScenarioCommand } from '@/lib/contracts/simulator-control';

import { mulberry32 } from './random';
import { ScenarioBoard } from './scenario-board';
import type { ScenarioTargets } from './scenario-controller';
import { resolveScenario, ScenarioController } from './scenario-controller';

const T0 = Date.UTC(2026, 10, 23, 12);
const command = (scenario: ScenarioCommand['scenario'], extra: Partial<ScenarioCommand> = {}): ScenarioCommand => ({
  commandId: `cmd-${scenario}`,
  scenario,
  issuedAt: T0,
  ...extra,
});

function targets(): ScenarioTargets & { archiver: { pause: () => void; resume: () => void } } {
  return {
    pickVehicle: (_rng, fleet) => (fleet === 'tankers' ? 'tanker-0002' : 'cab-0007'),
    fleetOf: (id) => (id.startsWith('cab-') ? 'cabs' : id.startsWith('tanker-') ? 'tankers' : undefined),
    zoneIds: ['lobby', 'main-hall'],
    archiver: { pause: vi.fn(), resume: vi.fn() },
  };
}

describe('resolveScenario', () => {
  const rng = mulberry32(1);

  it('picks defaults: a moving vehicle, a tanker, the main hall, the demo archiver', () => {
    const resolved = (name: ScenarioCommand['scenario']) => {
      const result = resolveScenario(command(name), targets(), rng, T0);
      return result.ok ? [result.scenario.target, result.scenario.durationS] : result.reason;
    };
    expect(resolved('overheat')).toEqual(['cab-0007', 60]);
    expect(resolved('cooling-failure')).toEqual(['tanker-0002', 60]);
    expect(resolved('freezing')).toEqual(['tanker-0002', 60]);
    expect(resolved('crowd')).toEqual(['main-hall', 300]);
    expect(resolved('stalled-consumer')).toEqual(['demo.telemetry-archiver', 120]);
  });

  it('fixes an overheat peak between 115 and 125 °C and a sensor spike at 3 s', () => {
    const overheat = resolveScenario(command('overheat', { durationS: 20 }), targets(), rng, T0);
    expect(overheat.ok && overheat.scenario.peakC).toBeGreaterThanOrEqual(115);
    expect(overheat.ok && overheat.scenario.peakC).toBeLessThanOrEqual(125);
    const spike = resolveScenario(command('sensor-spike', { durationS: 60 }), targets(), rng, T0);
    expect(spike.ok && spike.scenario.durationS).toBe(3);
  });

  it('refuses targets that do not fit', () => {
    expect(resolveScenario(command('overheat', { target: 'cab-9999x' }), { ...targets(), fleetOf: () => undefined }, rng, T0).ok).toBe(false);
    expect(resolveScenario(command('cooling-failure', { target: 'cab-0001' }), targets(), rng, T0).ok).toBe(false);
    expect(resolveScenario(command('freezing', { target: 'cab-0001' }), targets(), rng, T0).ok).toBe(false);
    expect(resolveScenario(command('crowd', { target: 'roof' }), targets(), rng, T0).ok).toBe(false);
    expect(resolveScenario(command('stalled-consumer', { target: 'processor.sales' }), targets(), rng, T0).ok).toBe(false);
  });
});

describe('ScenarioController', () => {
  it('pauses the demo archiver for the duration of a stalled-consumer scenario, then resumes it', () => {
    const aim = targets();
    const controller = new ScenarioController(new ScenarioBoard(1), aim, mulberry32(1), pino({ level: 'silent' }), T0);
    controller.handle(command('stalled-consumer', { durationS: 30 }), T0);
    expect(aim.archiver.pause).toHaveBeenCalledTimes(1);
    controller.tick(T0 + 10_000);
    expect(aim.archiver.resume).not.toHaveBeenCalled();
    controller.tick(T0 + 30_100);
    expect(aim.archiver.resume).toHaveBeenCalledTimes(1);
  });

  it('resumes the archiver on stop', () => {
    const aim = targets();
    const controller = new ScenarioController(new ScenarioBoard(1), aim, mulberry32(1), pino({ level: 'silent' }), T0);
    controller.handle(command('stalled-consumer'), T0);
    controller.handle(command('stop'), T0 + 1_000);
    expect(aim.archiver.resume).toHaveBeenCalledTimes(1);
  });
});
