'use client';

import { useState } from 'react';

import { metricLabel } from '@/lib/alerts/describe';
import { useCreateSilence, useLiftSilence } from '@/lib/client/queries/alerts';
import type { AlertSilence, Team } from '@/lib/contracts/alerts';
import { formatDateTime } from '@/lib/format';

import styles from './alerts.module.css';
import { FleetField, GroupField, ZoneField } from './subject-fields';
import type { ZoneOption } from './use-zone-lookup';

const EXPIRIES = [
  { label: '1 hour', ms: 3_600_000 },
  { label: '4 hours', ms: 4 * 3_600_000 },
  { label: '1 day', ms: 24 * 3_600_000 },
  { label: '1 week', ms: 7 * 24 * 3_600_000 },
];

function describe(silence: AlertSilence): string {
  const parts = [silence.team, silence.fleet, silence.vehicleId, silence.zoneId, silence.groupId, silence.metric && metricLabel(silence.metric)].filter(
    Boolean,
  );
  return parts.join(' · ');
}

/** The metrics a silence of each team may name (lag alerts are narrowed by group instead). */
const TEAM_METRICS: Record<Team, string[]> = { fleet: ['engineTempC', 'containerTempC'], security: ['occupancy'], platform: [] };

/** Every silence in force of the user's teams, and a form for a new one: a reason and an expiry are required. */
export function SilencesPanel({
  silences,
  teams,
  zones,
  groups,
}: {
  silences: AlertSilence[];
  teams: readonly Team[];
  zones: readonly ZoneOption[];
  groups: readonly string[];
}) {
  const create = useCreateSilence();
  const lift = useLiftSilence();
  const [team, setTeam] = useState<Team>(teams[0] ?? 'fleet');
  const [fleet, setFleet] = useState('');
  const [vehicleId, setVehicleId] = useState('');
  const [zoneId, setZoneId] = useState('');
  const [groupId, setGroupId] = useState('');
  const [metric, setMetric] = useState('');
  const [reason, setReason] = useState('');
  const [expiryMs, setExpiryMs] = useState(EXPIRIES[0]?.ms ?? 3_600_000);
  return (
    <section className={styles.panel} aria-labelledby="silences-title">
      <h2 id="silences-title">Silences</h2>
      {silences.length === 0 ? (
        <p className={styles.muted}>No silences in force.</p>
      ) : (
        <ul className={styles.audit} data-testid="silences">
          {silences.map((silence) => (
            <li key={silence.silenceId}>
              <strong>{describe(silence)}</strong> — “{silence.reason}” by {silence.createdBy}, until {formatDateTime(silence.expiresAt)}{' '}
              {teams.includes(silence.team) && (
                <button type="button" className="link-button" disabled={lift.isPending} onClick={() => lift.mutate(silence.silenceId)}>
                  Lift
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className={styles.silenceForm}
        aria-label="New silence"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            {
              team,
              ...(team === 'fleet' && { fleet: (fleet || undefined) as 'cabs' | 'tankers' | undefined, vehicleId: vehicleId.trim() || undefined }),
              ...(team === 'security' && { zoneId: zoneId || undefined }),
              ...(team === 'platform' && { groupId: groupId.trim() || undefined }),
              metric: TEAM_METRICS[team].includes(metric) ? metric : undefined,
              reason: reason.trim(),
              expiresAt: Date.now() + expiryMs,
            },
            { onSuccess: () => setReason('') },
          );
        }}
      >
        <label>
          Team
          <select value={team} onChange={(event) => setTeam(event.target.value as Team)}>
            {teams.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </label>
        {team === 'fleet' && (
          <>
            <FleetField value={fleet} anyLabel="any" onChange={(value) => setFleet(value ?? '')} />
            <label>
              Vehicle
              <input value={vehicleId} placeholder="any" onChange={(event) => setVehicleId(event.target.value)} />
            </label>
          </>
        )}
        {team === 'security' && <ZoneField value={zoneId} zones={zones} anyLabel="any" onChange={(value) => setZoneId(value ?? '')} />}
        {team === 'platform' && <GroupField id="silence-groups" value={groupId} groups={groups} onChange={setGroupId} />}
        {TEAM_METRICS[team].length > 0 && (
          <label>
            Metric
            <select value={metric} onChange={(event) => setMetric(event.target.value)}>
              <option value="">any</option>
              {TEAM_METRICS[team].map((option) => (
                <option key={option} value={option}>
                  {metricLabel(option)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Expires in
          <select value={expiryMs} onChange={(event) => setExpiryMs(Number(event.target.value))}>
            {EXPIRIES.map((expiry) => (
              <option key={expiry.ms} value={expiry.ms}>
                {expiry.label}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.grow}>
          Reason (required)
          <input required minLength={3} value={reason} onChange={(event) => setReason(event.target.value)} />
        </label>
        <button type="submit" disabled={create.isPending || reason.trim().length < 3}>
          Silence
        </button>
        {create.error && (
          <p className="form-error" role="alert">
            {create.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
