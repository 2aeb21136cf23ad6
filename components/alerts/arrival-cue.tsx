'use client';

import { useCallback, useEffect, useState } from 'react';

import type { ZoneLookup } from '@/lib/alerts/describe';
import { alertTitle } from '@/lib/alerts/describe';
import type { AlertView } from '@/lib/api/alerts';
import { useAlertArrivals } from '@/lib/client/use-alerts-feed';
import { useExpiring } from '@/lib/client/use-expiring';

import styles from './alerts.module.css';

const PREFERENCES_KEY = 'fleetwatch.alert-cues';
const SHOW_MS = 6_000;

interface Preferences {
  sound: boolean;
  desktop: boolean;
}

function beep(): void {
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  oscillator.frequency.value = 880;
  oscillator.connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.15);
  oscillator.onended = () => void context.close();
}

/**
 * A visible banner for every new alert, plus a sound and a desktop notification for those who
 * opt in (off by default: an inbox that beeps unasked gets muted). Calls `onArrival` so the
 * list can highlight the new row.
 */
export function ArrivalCue({ onArrival, zones }: { onArrival: (view: AlertView) => void; zones?: ZoneLookup }) {
  const [latest, setLatest] = useExpiring<AlertView>(SHOW_MS);
  const [preferences, setPreferences] = useState<Preferences>({ sound: false, desktop: false });
  useEffect(() => {
    const saved = window.localStorage.getItem(PREFERENCES_KEY);
    if (saved) setPreferences(JSON.parse(saved) as Preferences);
  }, []);
  const save = (next: Preferences) => {
    setPreferences(next);
    window.localStorage.setItem(PREFERENCES_KEY, JSON.stringify(next));
    if (next.desktop && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
  };
  const arrive = useCallback(
    (view: AlertView) => {
      setLatest(view);
      onArrival(view);
      if (preferences.sound) beep();
      if (preferences.desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted')
        new Notification('New alert', { body: alertTitle(view.alert, zones), tag: view.alert.alertId });
    },
    [onArrival, preferences, setLatest, zones],
  );
  useAlertArrivals(arrive);
  return (
    <div className={styles.cueBar}>
      <div role="status" aria-live="polite" data-testid="arrival-cue" className={latest ? styles.cue : styles.cueIdle}>
        {latest ? `New ${latest.alert.severity} alert: ${alertTitle(latest.alert, zones)}` : ''}
      </div>
      <label>
        <input type="checkbox" checked={preferences.sound} onChange={(event) => save({ ...preferences, sound: event.target.checked })} /> sound
      </label>
      <label>
        <input type="checkbox" checked={preferences.desktop} onChange={(event) => save({ ...preferences, desktop: event.target.checked })} /> desktop
        notification
      </label>
    </div>
  );
}
