'use client';

import { useState } from 'react';

import type { ActionRequest, AlertView } from '@/lib/api/alerts';

import styles from './alerts.module.css';

const SNOOZES = [
  { label: '15 min', ms: 15 * 60_000 },
  { label: '1 h', ms: 3_600_000 },
  { label: '4 h', ms: 4 * 3_600_000 },
];

interface Props {
  /** How many alerts the buttons act on (1 in the detail pane, the selection in bulk). */
  count: number;
  /** The one alert acted on (the detail pane): actions that do not apply to it are disabled. */
  view?: Pick<AlertView, 'status' | 'acknowledged'>;
  busy: boolean;
  error: string | undefined;
  onAct: (request: ActionRequest) => void;
}

/** Acknowledge, assign, snooze, resolve, reopen and annotate: one set of controls for one alert or a selection. */
export function AlertActions({ count, view, busy, error, onAct }: Props) {
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState('');
  const suffix = count > 1 ? ` ${count}` : '';
  const applies = actionsThatApply(view);
  return (
    <div className={styles.actions} aria-label={count > 1 ? `Actions on ${count} selected alerts` : 'Actions'} role="group">
      <button type="button" disabled={busy || !applies.ack} onClick={() => onAct({ action: 'ack' })} title="a">
        Acknowledge{suffix}
      </button>
      <button type="button" disabled={busy || !applies.open} onClick={() => onAct({ action: 'resolve' })} title="r">
        Resolve{suffix}
      </button>
      <button type="button" disabled={busy || !applies.reopen} onClick={() => onAct({ action: 'reopen' })}>
        Reopen{suffix}
      </button>
      {SNOOZES.map((snooze) => (
        <button key={snooze.label} type="button" disabled={busy || !applies.open} onClick={() => onAct({ action: 'snooze', until: Date.now() + snooze.ms })}>
          Snooze {snooze.label}
        </button>
      ))}
      <form
        className={styles.inline}
        onSubmit={(event) => {
          event.preventDefault();
          if (assignee.trim()) onAct({ action: 'assign', assignee: assignee.trim() });
        }}
      >
        <input aria-label="Assignee" placeholder="assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)} />
        <button type="submit" disabled={busy || !applies.open || !assignee.trim()}>
          Assign
        </button>
      </form>
      <form
        className={styles.inline}
        onSubmit={(event) => {
          event.preventDefault();
          if (!note.trim()) return;
          onAct({ action: 'note', note: note.trim() });
          setNote('');
        }}
      >
        <input aria-label="Note" placeholder="add a note" value={note} onChange={(event) => setNote(event.target.value)} />
        <button type="submit" disabled={busy || !note.trim()}>
          Add note
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Which actions change anything for this alert (the workflow ignores the others): acknowledge an
 * alert nobody acknowledged, reopen a resolved one, the rest while not resolved. A selection
 * (no single view) may mix states, so everything stays enabled there.
 */
export function actionsThatApply(view: Pick<AlertView, 'status' | 'acknowledged'> | undefined): { ack: boolean; open: boolean; reopen: boolean } {
  if (!view) return { ack: true, open: true, reopen: true };
  const resolved = view.status === 'resolved';
  return { ack: !resolved && view.acknowledged === null, open: !resolved, reopen: resolved };
}
