'use client';

import type { AlertsFilter, AlertStatus } from '@/lib/api/alerts';
import { ALERT_STATUSES } from '@/lib/api/alerts';
import type { Team } from '@/lib/contracts/alerts';
import type { Severity } from '@/lib/contracts/common';

import styles from './alerts.module.css';
import { FleetField, GroupField, ZoneField } from './subject-fields';
import type { ZoneOption } from './use-zone-lookup';

export const DEFAULT_STATUSES: AlertStatus[] = ['open', 'acknowledged', 'snoozed'];
const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];

interface Props {
  filter: AlertsFilter;
  teams: readonly Team[];
  /** Security: the zones to pick from. */
  zones: readonly ZoneOption[];
  /** Platform: the consumer groups with alerts, to pick from. */
  groups: readonly string[];
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

/**
 * Status, team, severity, time and free text, plus each team's own subjects: fleet and vehicle for
 * the fleet team, zone for the security desk, consumer group for the platform team.
 */
export function AlertFilters({ filter, teams, zones, groups, onChange, searchRef }: Props) {
  const set = (patch: Partial<AlertsFilter>) => onChange({ ...filter, ...patch });
  return (
    <form className={styles.filters} role="search" aria-label="Filter alerts" onSubmit={(event) => event.preventDefault()}>
      <input
        ref={searchRef}
        type="search"
        placeholder="Search (press /)"
        aria-label="Search alerts"
        value={filter.q ?? ''}
        onChange={(event) => set({ q: event.target.value || undefined })}
      />
      <fieldset>
        <legend>Status</legend>
        {ALERT_STATUSES.map((status) => (
          <label key={status}>
            <input
              type="checkbox"
              checked={(filter.status ?? ALERT_STATUSES).includes(status)}
              onChange={() => set({ status: toggle(filter.status, status, ALERT_STATUSES) })}
            />
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
            <input
              type="checkbox"
              checked={(filter.severity ?? SEVERITIES).includes(severity)}
              onChange={() => set({ severity: toggle(filter.severity, severity, SEVERITIES) })}
            />
            {severity}
          </label>
        ))}
      </fieldset>
      {teams.includes('fleet') && (
        <>
          <FleetField value={filter.fleet ?? ''} anyLabel="all" onChange={(fleet) => set({ fleet })} />
          <label>
            Vehicle
            <input
              size={10}
              value={filter.vehicle ?? ''}
              placeholder="cab-0001"
              onChange={(event) => set({ vehicle: event.target.value.trim() || undefined })}
            />
          </label>
        </>
      )}
      {teams.includes('security') && <ZoneField value={filter.zone ?? ''} zones={zones} anyLabel="all" onChange={(zone) => set({ zone })} />}
      {teams.includes('platform') && (
        <GroupField id="alert-filter-groups" value={filter.group ?? ''} groups={groups} onChange={(group) => set({ group: group.trim() || undefined })} />
      )}
      <label>
        From
        <input
          type="datetime-local"
          value={toLocalInput(filter.from)}
          onChange={(event) => set({ from: event.target.value ? Date.parse(event.target.value) : undefined })}
        />
      </label>
      <label>
        To
        <input
          type="datetime-local"
          value={toLocalInput(filter.to)}
          onChange={(event) => set({ to: event.target.value ? Date.parse(event.target.value) : undefined })}
        />
      </label>
    </form>
  );
}
