import { describe, expect, it } from 'vitest';

import type { Alert } from '../contracts/alerts';
import { formatClock, formatDateTime } from '../format';

import { alertRowTitle, alertTitle, describeBand, describeCondition, withUnit } from './describe';

const base = {
  alertId: 'a-1',
  value: 121,
  normal: { min: -60, max: 100 },
  startedAt: 0,
  detectedAt: 0,
  severity: 'critical' as const,
  state: 'firing' as const,
};
const engine: Alert = { ...base, kind: 'anomaly', team: 'fleet', vehicleId: 'cab-0008', plate: 'NR-008-S', metric: 'engineTempC' };
const crowd: Alert = { ...base, kind: 'capacity', team: 'security', zoneId: 'main-hall', metric: 'occupancy', value: 563, normal: { min: 0, max: 450 } };
const stopped: Alert = {
  ...base,
  kind: 'consumer-lag',
  team: 'platform',
  groupId: 'demo.telemetry-archiver',
  metric: 'status:stopped',
  value: 95,
  normal: { min: 0, max: 60 },
};
const zones = (zoneId: string) => (zoneId === 'main-hall' ? { name: 'Main hall', capacity: 500 } : undefined);

describe('alertTitle', () => {
  it('says what happened to what, with units, as the issue words it', () => {
    expect(alertTitle(engine)).toBe('Engine temperature 121 °C on NR-008-S');
    expect(alertTitle(crowd, zones)).toBe('Main hall over capacity: 563 of 500');
    expect(alertTitle(stopped)).toBe('Consumer group demo.telemetry-archiver stopped');
  });

  it('names the vehicle by id without a plate, a zone by its id without the snapshot, and a lag past the threshold in seconds', () => {
    expect(alertTitle({ ...engine, plate: undefined, value: 120.46 })).toBe('Engine temperature 120.5 °C on cab-0008');
    expect(alertTitle(crowd)).toBe('Main hall crowded: 563 people, normal up to 450 people');
    expect(alertTitle({ ...crowd, value: 460 }, zones)).toBe('Main hall near capacity: 460 of 500');
    expect(alertTitle({ ...stopped, metric: 'lag-seconds', value: 75 })).toBe('Consumer group demo.telemetry-archiver 75 s behind');
  });

  it('says how long a vehicle has been silent or its GPS frozen (the silence watch alerts)', () => {
    expect(alertTitle({ ...engine, metric: 'offline', value: 45, normal: { min: 0, max: 30 } })).toBe('Offline for 45 s on NR-008-S');
    expect(alertRowTitle({ ...engine, metric: 'gpsFrozen', value: 92.5, normal: { min: 0, max: 60 } })).toBe('NR-008-S: GPS frozen for 92.5 s');
    expect(describeBand({ ...engine, metric: 'offline', value: 45, normal: { min: 0, max: 30 } })).toBe('normal up to 30 s');
  });

  it('puts the subject first in the list, so a cut title still names it', () => {
    expect(alertRowTitle(engine)).toBe('NR-008-S: Engine temperature 121 °C');
    expect(alertRowTitle(crowd, zones)).toBe('Main hall over capacity: 563 of 500');
  });
});

describe('units and bands', () => {
  it('puts a unit on every value and band', () => {
    expect(withUnit(18.25, 'containerTempC')).toBe('18.3 °C');
    expect(describeBand(engine)).toBe('normal up to 100 °C');
    expect(describeBand({ ...engine, metric: 'containerTempC', normal: { min: 12, max: 24.5 } })).toBe('normal 12.0–24.5 °C');
    expect(describeBand(stopped)).toBe('normal up to 60 s');
  });
});

describe('describeCondition', () => {
  it('tells an inhibited episode from a cleared one, with the reason', () => {
    expect(describeCondition({ state: 'inhibited', reason: 'ignition-off' })).toBe('inhibited: ignition off');
    expect(describeCondition({ state: 'inhibited', reason: 'offline' })).toBe('inhibited: unit offline');
    expect(describeCondition({ state: 'cleared' })).toBe('cleared');
  });
});

describe('the one time format', () => {
  it('writes clock times in 24 hours with seconds, and dates with the day and month', () => {
    const at = new Date(2026, 11, 3, 14, 3, 7).getTime();
    expect(formatClock(at)).toBe('14:03:07');
    expect(formatDateTime(at)).toBe('3 Dec, 14:03:07');
  });
});
