'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a keyboard acknowledgement waits before it is sent, with an Undo on screen. */
export const UNDO_MS = 5_000;

interface Pending {
  alertIds: string[];
  sendAt: number;
  secondsLeft: number;
}

/**
 * Holds an acknowledgement for {@link UNDO_MS} before `send` runs it; `undo` drops it. Nothing is
 * written to `alerts.actions` until then, so an undone acknowledgement leaves no trace in the trail.
 * A second one while one waits sends the first at once.
 */
export function useUndoableAck(send: (alertIds: string[]) => void): { pending: Pending | undefined; schedule: (alertIds: string[]) => void; undo: () => void } {
  const [pending, setPending] = useState<Pending>();
  const latestSend = useRef(send);
  latestSend.current = send;
  const pendingRef = useRef<Pending>(undefined);
  pendingRef.current = pending;

  useEffect(() => {
    if (!pending) return undefined;
    const timer = setTimeout(
      () => {
        if (Date.now() >= pending.sendAt) {
          setPending(undefined);
          latestSend.current(pending.alertIds);
        } else setPending({ ...pending, secondsLeft: Math.ceil((pending.sendAt - Date.now()) / 1000) });
      },
      Math.min(1_000, Math.max(0, pending.sendAt - Date.now())),
    );
    return () => clearTimeout(timer);
  }, [pending]);

  const schedule = useCallback((alertIds: string[]) => {
    if (alertIds.length === 0) return;
    if (pendingRef.current) latestSend.current(pendingRef.current.alertIds);
    setPending({ alertIds, sendAt: Date.now() + UNDO_MS, secondsLeft: UNDO_MS / 1000 });
  }, []);
  const undo = useCallback(() => setPending(undefined), []);
  return { pending, schedule, undo };
}
