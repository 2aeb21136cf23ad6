'use client';

import { useState } from 'react';

import type { TripPeriod } from '@/lib/client/queries/trip';
import { fromLocalInput, toLocalInput } from '@/lib/fleet/replay-moments';

export const TRIP_PRESETS = [
  { label: 'Last 1 h', hours: 1 },
  { label: 'Last 6 h', hours: 6 },
  { label: 'Last 24 h', hours: 24 },
] as const;

/** The period ending now: a preset is computed when picked, so the query stays the same until picked again. */
export function lastHours(hours: number, now = Date.now()): TripPeriod {
  return { from: now - hours * 3_600_000, to: now };
}

/** Presets (1 h, 6 h, 24 h) or a custom from/to within retention. */
export function PeriodPicker({ period, retentionMs, onChange }: { period: TripPeriod; retentionMs: number; onChange: (period: TripPeriod) => void }) {
  const [draft, setDraft] = useState({ from: toLocalInput(period.from), to: toLocalInput(period.to) });
  const oldest = toLocalInput(Date.now() - retentionMs);
  const from = fromLocalInput(draft.from);
  const to = fromLocalInput(draft.to);
  return (
    <div className="trip-period" role="group" aria-label="Period">
      {TRIP_PRESETS.map((preset) => (
        <button key={preset.hours} type="button" disabled={preset.hours * 3_600_000 > retentionMs} onClick={() => onChange(lastHours(preset.hours))}>
          {preset.label}
        </button>
      ))}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (from !== null && to !== null && to > from) onChange({ from, to });
        }}
      >
        <label>
          From <input type="datetime-local" step={1} min={oldest} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>{' '}
        <label>
          To <input type="datetime-local" step={1} min={oldest} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>{' '}
        <button type="submit" disabled={from === null || to === null || to <= from}>
          Show
        </button>
      </form>
    </div>
  );
}
