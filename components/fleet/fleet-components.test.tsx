// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { fleetKpis } from '@/lib/fleet/kpis';
import type { ListQuery } from '@/lib/fleet/list-query';
import { DEFAULT_LIST_QUERY } from '@/lib/fleet/list-query';
import type { VehicleView } from '@/lib/realtime/events';

import { FleetKpis } from './fleet-kpis';
import { ListControls } from './list-controls';
import { MapControls } from './map-controls';
import { VehicleList } from './vehicle-list';

const NOW = Date.UTC(2026, 2, 2, 12, 0);

function vehicle(vehicleId: string, overrides: Partial<VehicleView> = {}): VehicleView {
  return {
    vehicleId,
    fleet: 'cabs',
    ts: NOW - 1_000,
    receivedAt: NOW - 900,
    lat: 51.9,
    lon: 4.5,
    speedKmh: 40,
    headingDeg: 0,
    engineTempC: 90,
    fuelPct: 50,
    ignition: true,
    plate: `P-${vehicleId}`,
    driver: 'Anna de Vries',
    status: 'moving',
    freshness: 'live',
    openAlerts: 0,
    ...overrides,
  };
}

const FLEET = new Map(
  [
    vehicle('cab-0001', { plate: 'HF-293-R' }),
    vehicle('cab-0002', { plate: 'NR-008-S', openAlerts: 1, alertSeverity: 'critical', engineTempC: 121 }),
    vehicle('tanker-0001', { fleet: 'tankers', plate: 'BX-123-Z', containerTempC: 18, status: 'offline', freshness: 'offline', ts: NOW - 120_000 }),
  ].map((v) => [v.vehicleId, v]),
);

beforeAll(() => {
  // jsdom lays nothing out: give the virtualised list a viewport so it renders its rows.
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800);
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(cleanup);

function renderList(query: ListQuery = DEFAULT_LIST_QUERY, onSelect = vi.fn()) {
  render(<VehicleList vehicles={FLEET} query={query} selectedId={null} onSort={vi.fn()} onSelect={onSelect} />);
  return { table: screen.getByRole('table', { name: 'Vehicles' }), onSelect };
}

const rowOf = (table: HTMLElement, vehicleId: string) => table.querySelector<HTMLElement>(`[data-vehicle-id="${vehicleId}"]`);

describe('vehicle list', () => {
  it('finds a plate typed without dashes or case ("hf293r" finds HF-293-R)', () => {
    const { table } = renderList({ ...DEFAULT_LIST_QUERY, search: 'hf293r' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.dataset.vehicleId)).toEqual(['cab-0001']);
    expect(within(rows[0]!).getByText('HF-293-R')).toBeTruthy();
  });

  it('colours a vehicle with a firing critical alert: row, status pill and count', () => {
    const { table } = renderList();
    const row = rowOf(table, 'cab-0002')!;
    expect(row.className).toContain('vehicle-row-critical');
    expect(within(row).getByText('moving').className).toContain('status-alert-critical');
    expect(within(row).getByText('1').className).toContain('alert-count-critical');
    expect(rowOf(table, 'cab-0001')!.className).not.toMatch(/critical|warning/);
  });

  it('greys an offline row and says how old its values are', () => {
    const { table } = renderList();
    const row = rowOf(table, 'tanker-0001')!;
    expect(row.className).toContain('vehicle-row-offline');
    expect(within(row).getByText('as of 2 min ago')).toBeTruthy();
  });

  it('opens a vehicle by click or Enter', () => {
    const { table, onSelect } = renderList();
    fireEvent.click(rowOf(table, 'cab-0001')!);
    fireEvent.keyDown(rowOf(table, 'cab-0002')!, { key: 'Enter' });
    expect(onSelect.mock.calls).toEqual([['cab-0001'], ['cab-0002']]);
  });
});

describe('list filters', () => {
  it('reports each change as a whole new query', () => {
    const onChange = vi.fn();
    render(<ListControls query={DEFAULT_LIST_QUERY} onChange={onChange} />);
    fireEvent.change(screen.getByRole('searchbox', { name: /search vehicles/i }), { target: { value: 'hf293r' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Fleet' }), { target: { value: 'tankers' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'offline' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Has alert' }));
    expect(onChange.mock.calls.map(([query]) => query as ListQuery)).toEqual([
      { ...DEFAULT_LIST_QUERY, search: 'hf293r' },
      { ...DEFAULT_LIST_QUERY, fleet: 'tankers' },
      { ...DEFAULT_LIST_QUERY, status: 'offline' },
      { ...DEFAULT_LIST_QUERY, onlyWithAlerts: true },
    ]);
  });
});

describe('map controls', () => {
  it('offers fit to list always, fit and follow only with a vehicle open', () => {
    const onFitList = vi.fn();
    const { rerender } = render(<MapControls selectedId={null} following={false} onFitList={onFitList} onFitSelection={vi.fn()} onFollowChange={vi.fn()} />);
    const toolbar = screen.getByRole('toolbar', { name: 'Map controls' });
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Fit to list' }));
    expect(onFitList).toHaveBeenCalledTimes(1);
    expect((within(toolbar).getByRole('button', { name: 'Fit to selection' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(toolbar).getByRole('button', { name: 'Follow vehicle' }) as HTMLButtonElement).disabled).toBe(true);

    const onFollowChange = vi.fn();
    const onFitSelection = vi.fn();
    rerender(<MapControls selectedId="cab-0002" following={false} onFitList={onFitList} onFitSelection={onFitSelection} onFollowChange={onFollowChange} />);
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Fit to selection' })));
    fireEvent.click(screen.getByRole('button', { name: 'Follow cab-0002' }));
    expect(onFitSelection).toHaveBeenCalledTimes(1);
    expect(onFollowChange).toHaveBeenCalledWith(true);
    rerender(<MapControls selectedId="cab-0002" following onFitList={onFitList} onFitSelection={onFitSelection} onFollowChange={onFollowChange} />);
    expect(screen.getByRole('button', { name: 'Follow cab-0002' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('fleet KPIs', () => {
  it('show placeholders while the fleet loads, and dashes when nothing is coming, never zeros', () => {
    const { rerender } = render(<FleetKpis kpis={fleetKpis([])} consumerLagMs={null} loaded={false} />);
    expect(screen.getByTestId('kpi-total').querySelector('[aria-label="loading"]')).not.toBeNull();
    rerender(<FleetKpis kpis={fleetKpis([])} consumerLagMs={null} loaded={false} unavailable />);
    expect(screen.getByTestId('kpi-total').textContent).toBe('—');
    expect(screen.queryAllByLabelText('loading')).toHaveLength(0);
  });
});
