'use client';

import { useState } from 'react';

import { useCreateSilence, useLiftSilence } from '@/lib/client/queries/alerts';
import type { AlertSilence, Team } from '@/lib/contracts/alerts';

import styles from './alerts.module.css';
import { dateTime, metricLabel } from './format';

const EXPIRIES = [
  { label: '1 hour', ms: 3_600_000 },
  { label: '4 hours', ms: 4 * 3_600_000 },
  { label: '1 day', ms: 24 * 3_600_000 },
  { label: '1 week', ms: 7 * 24 * 3_600_000 },
];

function describe(silence: AlertSilence): string {
  const parts = [silence.team, silence.fleet, silence.vehicleId, silence.metric && metricLabel(silence.metric)].filter(Boolean);
  return parts.join(' · ');
}

/** Every silence in force (everyone sees them all), and a form for a new one: a reason and an expiry are required. */
export function SilencesPanel({ silences, teams }: { silences: AlertSilence[]; teams: readonly Team[] }) {
  const create = useCreateSilence();
  const lift = useLiftSilence();
  const [team, setTeam] = useState<Team>(teams[0] ?? 'fleet');
  const [fleet, setFleet] = useState('');
  const [vehicleId, setVehicleId] = useState('');
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
              <strong>{describe(silence)}</strong> — “{silence.reason}” by {silence.createdBy}, until {dateTime(silence.expiresAt)}{' '}
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
            { team, fleet: (fleet || undefined) as 'cabs' | 'tankers' | undefined, vehicleId: vehicleId.trim() || undefined, metric: metric || undefined, reason: reason.trim(), expiresAt: Date.now() + expiryMs },
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
        <label>
          Fleet
          <select value={fleet} onChange={(event) => setFleet(event.target.value)}>
            <option value="">any</option>
            <option value="cabs">cabs</option>
            <option value="tankers">tankers</option>
          </select>
        </label>
        <label>
          Vehicle
          <input value={vehicleId} placeholder="any" onChange={(event) => setVehicleId(event.target.value)} />
        </label>
        <label>
          Metric
          <select value={metric} onChange={(event) => setMetric(event.target.value)}>
            <option value="">any</option>
            <option value="engineTempC">{metricLabel('engineTempC')}</option>
            <option value="containerTempC">{metricLabel('containerTempC')}</option>
            <option value="occupancy">{metricLabel('occupancy')}</option>
          </select>
        </label>
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
