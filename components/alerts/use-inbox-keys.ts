'use client';

import { useEffect, useRef } from 'react';

interface InboxKeys {
  onMove: (delta: number) => void;
  onAct: (action: 'ack' | 'resolve') => void;
  onToggle: () => void;
  onSearch: () => void;
}

/** j/k move, a acknowledges, r resolves, x selects, / searches; ignored while typing in a field. */
export function useInboxKeys(handlers: InboxKeys): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const { onMove, onAct, onToggle, onSearch } = latest.current;
      const actions: Record<string, () => void> = {
        j: () => onMove(1),
        k: () => onMove(-1),
        a: () => onAct('ack'),
        r: () => onAct('resolve'),
        x: onToggle,
        '/': onSearch,
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
