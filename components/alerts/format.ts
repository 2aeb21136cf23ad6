import type { AlertView } from '@/lib/api/alerts';

const METRIC_LABELS: Record<string, string> = { engineTempC: 'Engine temperature', containerTempC: 'Container temperature', occupancy: 'Zone occupancy', lagSeconds: 'Consumer lag' };

export function metricLabel(metric: string): string {
  return METRIC_LABELS[metric] ?? metric;
}

/** "Engine temperature · NL-01-AB (cab-0003)": what the alert is about, in words. */
export function alertTitle(view: AlertView): string {
  const { alert } = view;
  const plate = alert.kind === 'anomaly' && alert.plate ? `${alert.plate} (${view.subject})` : view.subject;
  return `${metricLabel(alert.metric)} · ${plate}`;
}

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function dateTime(ms: number): string {
  return new Date(ms).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3_600).toFixed(1)} h`;
}
