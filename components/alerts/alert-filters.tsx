'use client';

import type { AlertsFilter, AlertStatus } from '@/lib/api/alerts';
import { ALERT_STATUSES } from '@/lib/api/alerts';
import type { Team } from '@/lib/contracts/alerts';
import type { Severity } from '@/lib/contracts/common';

import styles from './alerts.module.css';

export const DEFAULT_STATUSES: AlertStatus[] = ['open', 'acknowledged', 'snoozed'];
const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];

interface Props {
  filter: AlertsFilter;
  teams: readonly Team[];
  onChange: (filter: AlertsFilter) => void;
  searchRef?: React.Ref<HTMLInputElement>;
}

function toggle<T>(list: readonly T[] | undefined, value: T, all: readonly T[]): T[] | undefined {
  const current = list ?? all;
  const next = current.includes(value) ? current.filter((item) => item !== value) : [...current, value];
  return next.length === 0 || next.length === all.length ? undefined : next;
}

function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return '';
  const date = new Date(ms);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Status, team, severity, fleet, vehicle, time and free text: every filter of the inbox in one bar. */
export function AlertFilters({ filter, teams, onChange, searchRef }: Props) {
  const set = (patch: Partial<AlertsFilter>) => onChange({ ...filter, ...patch });
  return (
    <form className={styles.filters} role="search" aria-label="Filter alerts" onSubmit={(event) => event.preventDefault()}>
      <input ref={searchRef} type="search" placeholder="Search (press /)" aria-label="Search alerts" value={filter.q ?? ''} onChange={(event) => set({ q: event.target.value || undefined })} />
      <fieldset>
        <legend>Status</legend>
        {ALERT_STATUSES.map((status) => (
          <label key={status}>
            <input type="checkbox" checked={(filter.status ?? ALERT_STATUSES).includes(status)} onChange={() => set({ status: toggle(filter.status, status, ALERT_STATUSES) })} />
            {status}
          </label>
        ))}
      </fieldset>
      {teams.length > 1 && (
        <fieldset>
          <legend>Team</legend>
          {teams.map((team) => (
            <label key={team}>
              <input type="checkbox" checked={(filter.team ?? teams).includes(team)} onChange={() => set({ team: toggle(filter.team, team, teams) })} />
              {team}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>Severity</legend>
        {SEVERITIES.map((severity) => (
          <label key={severity}>
            <input type="checkbox" checked={(filter.severity ?? SEVERITIES).includes(severity)} onChange={() => set({ severity: toggle(filter.severity, severity, SEVERITIES) })} />
            {severity}
          </label>
        ))}
      </fieldset>
      <label>
        Fleet
        <select value={filter.fleet ?? ''} onChange={(event) => set({ fleet: (event.target.value || undefined) as AlertsFilter['fleet'] })}>
          <option value="">all</option>
          <option value="cabs">cabs</option>
          <option value="tankers">tankers</option>
        </select>
      </label>
      <label>
        Vehicle
        <input size={10} value={filter.vehicle ?? ''} placeholder="cab-0001" onChange={(event) => set({ vehicle: event.target.value.trim() || undefined })} />
      </label>
      <label>
        From
        <input type="datetime-local" value={toLocalInput(filter.from)} onChange={(event) => set({ from: event.target.value ? Date.parse(event.target.value) : undefined })} />
      </label>
      <label>
        To
        <input type="datetime-local" value={toLocalInput(filter.to)} onChange={(event) => set({ to: event.target.value ? Date.parse(event.target.value) : undefined })} />
      </label>
    </form>
  );
}
