'use client';

import { useState } from 'react';

import type { ReplayControl, ReplaySpeed } from '@/lib/client/use-replay';
import { REPLAY_SPEEDS } from '@/lib/client/use-replay';
import { MOMENT_PRESETS, formatRetention, fromLocalInput, toLocalInput } from '@/lib/fleet/replay-moments';
import { formatDateTime } from '@/lib/format';

interface TimeControlProps {
  replay: ReplayControl;
  /** fleet.vehicle-state's retention (FLEET_STATE_RETENTION_H): how far back a moment may be. */
  retentionMs: number;
}

/**
 * "Live" by default; a moment picked by hand or preset shows the fleet as it was, then plays,
 * pauses, steps and changes speed. Stepping moves by ten seconds of playback at the chosen speed.
 */
export function TimeControl({ replay, retentionMs }: TimeControlProps) {
  const [draft, setDraft] = useState('');
  const live = replay.at === null;
  const oldestAt = Date.now() - retentionMs;
  const step = 10_000 * replay.speed;
  return (
    <div className="time-control" role="group" aria-label="Time travel" data-testid="time-control" data-mode={live ? 'live' : 'replay'}>
      <span className={`time-mode ${live ? 'time-mode-live' : 'time-mode-past'}`} data-testid="time-mode">
        {live ? 'Live' : `Showing ${formatDateTime(replay.at ?? 0)}`}
      </span>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const at = fromLocalInput(draft);
          if (at !== null) replay.seek(at);
          setDraft('');
        }}
      >
        <label>
          Moment{' '}
          <input
            type="datetime-local"
            step={1}
            value={draft || (replay.at ? toLocalInput(replay.at) : '')}
            min={toLocalInput(oldestAt)}
            max={toLocalInput(Date.now())}
            onChange={(event) => setDraft(event.target.value)}
          />
        </label>
        <button type="submit" disabled={!draft}>
          Go
        </button>
      </form>
      {MOMENT_PRESETS.map((preset) => (
        <button
          key={preset.minutes}
          type="button"
          disabled={preset.minutes * 60_000 > retentionMs}
          onClick={() => replay.seek(Date.now() - preset.minutes * 60_000)}
        >
          {preset.label}
        </button>
      ))}
      <button type="button" onClick={() => replay.seek(Date.now() - retentionMs + 60_000)}>
        Start of retention
      </button>
      <button type="button" disabled={live} onClick={() => replay.seek((replay.at ?? 0) - step)} aria-label="Step back" title="Step back">
        ◀◀
      </button>
      {replay.playing ? (
        <button type="button" onClick={replay.pause}>
          Pause
        </button>
      ) : (
        <button type="button" disabled={live || replay.loading || !replay.view.loaded} onClick={replay.play}>
          Play
        </button>
      )}
      <button
        type="button"
        disabled={live}
        onClick={() => replay.seek(Math.min(Date.now(), (replay.at ?? 0) + step))}
        aria-label="Step forward"
        title="Step forward"
      >
        ▶▶
      </button>
      <label>
        Speed{' '}
        <select value={replay.speed} onChange={(event) => replay.setSpeed(Number(event.target.value) as ReplaySpeed)}>
          {REPLAY_SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="time-live" disabled={live} onClick={replay.backToLive}>
        Back to live
      </button>
      <span className="time-retention" data-testid="time-retention">
        Retention {formatRetention(retentionMs)}
      </span>
      {replay.loading && <span aria-busy="true">Reading Kafka…</span>}
      {replay.error && (
        <p role="alert" className="time-error">
          {replay.error}
        </p>
      )}
    </div>
  );
}
