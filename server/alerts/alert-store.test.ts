import { describe, expect, it } from 'vitest';

import { parseAutoResolve } from '@/lib/alerts/auto-resolve';
import type { AlertView } from '@/lib/api/alerts';
import type { Alert, AlertAction } from '@/lib/contracts/alerts';

import { AlertStore } from './alert-store';

const T = Date.UTC(2026, 2, 2, 12, 0);

function anomaly(overrides: Partial<Extract<Alert, { kind: 'anomaly' }>> = {}): Alert {
  return {
    alertId: 'a-1',
    kind: 'anomaly',
    team: 'fleet',
    vehicleId: 'cab-1',
    fleet: 'cabs',
    plate: 'NL-1',
    metric: 'engineTempC',
    value: 120,
    normal: { min: 80, max: 100 },
    startedAt: T,
    detectedAt: T + 10_000,
    severity: 'critical',
    state: 'firing',
    ...overrides,
  };
}

function action(actionId: string, act: AlertAction['action'], at: number, extra: Partial<AlertAction> = {}): AlertAction {
  return { actionId, alertId: 'a-1', action: act, by: 'ann', at, ...extra };
}

function storeAt(now: { t: number }) {
  return new AlertStore({ maxAlerts: 100 }, () => now.t);
}

describe('AlertStore', () => {
  it('folds actions in their log order: two people acting at once end the same way everywhere', () => {
    const now = { t: T + 20_000 };
    const first = storeAt(now);
    const second = storeAt(now);
    const actions = [action('x1', 'resolve', T + 15_000, { by: 'bob' }), action('x2', 'ack', T + 15_000, { by: 'ann' })];
    for (const store of [first, second]) {
      store.applyAlert(anomaly());
      actions.forEach((item) => store.applyAction(item));
    }
    const view = first.view('a-1') as AlertView;
    expect(view).toMatchObject({ status: 'resolved', resolved: { by: 'bob' }, acknowledged: null });
    expect(
      view.audit.filter((entry) => entry.type === 'action').map((entry) => [entry.type === 'action' && entry.action, entry.type === 'action' && entry.applied]),
    ).toEqual([
      ['resolve', true],
      ['ack', false],
    ]);
    expect(second.view('a-1')).toEqual(view);
  });

  it('applies actions read before their alert, and ignores an action read twice', () => {
    const store = storeAt({ t: T + 20_000 });
    store.applyAction(action('x1', 'ack', T + 12_000));
    store.applyAction(action('x1', 'ack', T + 12_000));
    store.applyAlert(anomaly());
    expect(store.view('a-1')).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'ann', at: T + 12_000 } });
    expect(store.view('a-1')?.audit.filter((entry) => entry.type === 'action')).toHaveLength(1);
  });

  it('keeps a cleared episode cleared when its firing record is read again', () => {
    const store = storeAt({ t: T });
    store.applyAlert(anomaly());
    store.applyAlert(anomaly({ state: 'cleared', detectedAt: T + 40_000 }));
    store.applyAlert(anomaly());
    expect(store.view('a-1')?.alert.state).toBe('cleared');
  });

  it('brings a snoozed alert back when the snooze ends, telling listeners', () => {
    const now = { t: T + 20_000 };
    const store = storeAt(now);
    const seen: AlertView[] = [];
    store.onChange((view) => seen.push(view));
    store.applyAlert(anomaly());
    store.applyAction(action('x1', 'snooze', T + 20_000, { until: T + 80_000 }));
    expect(store.view('a-1')?.status).toBe('snoozed');
    now.t = T + 80_001;
    store.sweep();
    expect(seen.at(-1)?.status).toBe('open');
  });

  it("silences matching alerts until the silence expires, and counts a vehicle's open alerts", () => {
    const now = { t: T + 20_000 };
    const store = storeAt(now);
    const counts: [string, number][] = [];
    store.onVehicleOpenAlertsChanged((vehicleId, count) => counts.push([vehicleId, count]));
    store.applyAlert(anomaly());
    store.applyAlert(anomaly({ alertId: 'a-2', vehicleId: 'cab-2' }));
    store.applySilence({ silenceId: 's-1', team: 'fleet', vehicleId: 'cab-1', reason: 'workshop test', createdBy: 'ann', createdAt: T, expiresAt: T + 60_000 });
    expect(store.view('a-1')).toMatchObject({ status: 'silenced', silencedBy: 's-1' });
    expect(store.view('a-2')?.status).toBe('open');
    expect(store.list({ status: ['open'] }, ['fleet'], 10).map((view) => view.alert.alertId)).toEqual(['a-2']);
    expect(store.list({}, ['security'], 10)).toEqual([]);
    now.t = T + 60_000;
    store.sweep();
    expect(store.view('a-1')?.status).toBe('open');
    expect(counts).toEqual([
      ['cab-1', 1],
      ['cab-2', 1],
      ['cab-1', 0],
      ['cab-1', 1],
    ]);
  });

  it('measures time to acknowledge and resolve per team from the first detection', () => {
    const store = storeAt({ t: T + 100_000 });
    store.applyAlert(anomaly());
    store.applyAction(action('x1', 'ack', T + 40_000));
    store.applyAction(action('x2', 'resolve', T + 70_000));
    expect(store.teamTimes(['fleet', 'security'])).toEqual([
      { team: 'fleet', open: 0, unacknowledged: 0, timeToAcknowledgeS: 30, timeToResolveS: 60, acknowledgedCount: 1, resolvedCount: 1 },
      { team: 'security', open: 0, unacknowledged: 0, timeToAcknowledgeS: null, timeToResolveS: null, acknowledgedCount: 0, resolvedCount: 0 },
    ]);
  });

  it('keeps at most actionsMax actions per alert, cuts long notes, and tells listeners only the entry a change added', () => {
    const store = new AlertStore({ maxAlerts: 100, limits: { actionsMax: 3, noteMaxChars: 10, silenceMaxMs: 3_600_000 } }, () => T + 20_000);
    const added: number[] = [];
    store.onChange((_view, entries) => added.push(entries.length));
    store.applyAlert(anomaly());
    for (let index = 0; index < 5; index += 1) store.applyAction(action(`n${index}`, 'note', T + 11_000 + index, { note: 'x'.repeat(50) }));
    expect(store.actionCount('a-1')).toBe(3);
    const view = store.view('a-1') as AlertView;
    expect(view.auditTotal).toBe(4);
    expect(view.audit.filter((entry) => entry.type === 'action').map((entry) => entry.type === 'action' && entry.note)).toEqual([
      'x'.repeat(10),
      'x'.repeat(10),
      'x'.repeat(10),
    ]);
    expect(added).toEqual([1, 1, 1, 1]);
  });

  it('pages a long trail: a view carries the newest 50 entries, earlier ones come by page', () => {
    const store = storeAt({ t: T + 20_000 });
    store.applyAlert(anomaly());
    for (let index = 0; index < 120; index += 1) store.applyAction(action(`n${index}`, 'note', T + 11_000 + index, { note: `note ${index}` }));
    const view = store.view('a-1') as AlertView;
    expect(view.auditTotal).toBe(121);
    expect(view.audit).toHaveLength(50);
    expect(view.audit.at(-1)).toMatchObject({ note: 'note 119' });
    const page = store.auditPage('a-1', 71, 50);
    expect(page).toMatchObject({ from: 21, total: 121 });
    expect(page?.entries[0]).toMatchObject({ note: 'note 20' });
    expect(store.auditPage('a-1', 10, 50)?.entries).toHaveLength(10);
  });

  it('caps a silence read back at silenceMaxMs and shows each team only its own silences', () => {
    const store = new AlertStore({ maxAlerts: 100, limits: { actionsMax: 10, noteMaxChars: 10, silenceMaxMs: 3_600_000 } }, () => T);
    store.applySilence({ silenceId: 's-1', team: 'fleet', reason: 'forever', createdBy: 'ann', createdAt: T, expiresAt: Number.MAX_SAFE_INTEGER });
    store.applySilence({ silenceId: 's-2', team: 'security', reason: 'drill', createdBy: 'sam', createdAt: T, expiresAt: T + 60_000 });
    expect(store.silence('s-1')?.expiresAt).toBe(T + 3_600_000);
    expect(store.activeSilences(['fleet']).map((silence) => silence.silenceId)).toEqual(['s-1']);
    expect(store.activeSilences(['security']).map((silence) => silence.silenceId)).toEqual(['s-2']);
    expect(store.activeSilences(['fleet', 'security', 'platform'])).toHaveLength(2);
  });
  it('keeps an inhibited episode open with its reason in the trail, lets it fire again under its id, and counts only firing unacknowledged alerts', () => {
    const now = { t: T + 60_000 };
    const store = storeAt(now);
    store.applyAlert(anomaly());
    expect(store.teamTimes(['fleet'])[0]).toMatchObject({ open: 1, unacknowledged: 1 });
    store.applyAlert(anomaly({ state: 'inhibited', reason: 'ignition-off', detectedAt: T + 20_000 }));
    expect(store.teamTimes(['fleet'])[0]).toMatchObject({ open: 1, unacknowledged: 0 });
    store.applyAlert(anomaly({ state: 'firing', detectedAt: T + 40_000 }));
    const view = store.view('a-1') as AlertView;
    expect(view.alert.state).toBe('firing');
    expect(view.audit.filter((entry) => entry.type === 'alert').map((entry) => entry.type === 'alert' && [entry.state, entry.reason])).toEqual([
      ['firing', undefined],
      ['inhibited', 'ignition-off'],
      ['firing', undefined],
    ]);
  });

  it("offers cleared, unresolved alerts for auto-resolve once their team and kind's delay has passed", () => {
    const now = { t: T + 60_000 };
    const store = storeAt(now);
    store.applyAlert(anomaly({ state: 'cleared', detectedAt: T + 30_000 }));
    expect(store.dueForAutoResolve(parseAutoResolve(''), now.t)).toEqual([]);
    expect(store.dueForAutoResolve(parseAutoResolve('fleet:anomaly=1'), now.t)).toEqual([]);
    now.t = T + 90_000;
    expect(store.dueForAutoResolve(parseAutoResolve('fleet:anomaly=1'), now.t).map((alert) => alert.alertId)).toEqual(['a-1']);
    store.applyAction(action('auto', 'resolve', now.t, { by: 'auto-resolve' }));
    expect(store.dueForAutoResolve(parseAutoResolve('fleet:anomaly=1'), now.t)).toEqual([]);
  });
});
