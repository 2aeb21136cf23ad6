/** "just now", "12 s ago", "3 min ago", "2 h ago": how old something is, for people. */
export function formatAge(ageMs: number): string {
  if (ageMs < 2_000) return 'just now';
  if (ageMs < 60_000) return `${Math.round(ageMs / 1000)} s ago`;
  if (ageMs < 3_600_000) return `${Math.round(ageMs / 60_000)} min ago`;
  return `${Math.round(ageMs / 3_600_000)} h ago`;
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

/**
 * An amount in `currency` (ISO 4217, the SALES_CURRENCY setting, since the generator's prices carry
 * none): "$1,234.56"; `compact` for axis ticks: "$1.2K".
 */
export function formatMoney(value: number, currency: string, compact = false): string {
  return value.toLocaleString(
    'en-US',
    compact ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 } : { style: 'currency', currency },
  );
}

const MINUTE = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** "14:03:07", 24-hour, in the viewer's time zone: the one clock format of every page. */
export function formatClock(ms: number): string {
  return CLOCK.format(ms);
}

/** "14:03", the clock format without seconds, for a window that starts on the minute (sales minutes, 15-minute reports). */
export function formatMinute(at: string | number): string {
  return MINUTE.format(new Date(at));
}

/** "3 Dec, 14:03:07": a moment that may be on another day, in the same 24-hour format. */
export function formatDateTime(ms: number): string {
  return DATE_TIME.format(ms);
}

/** "45 s", "12 min", "1.5 h": a span of time; "—" when there is none yet. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3_600).toFixed(1)} h`;
}

/** The banner over every view while the BFF does not reach Kafka. */
export function kafkaUnreachableText(since: number | null): string {
  return `Kafka unreachable${since === null ? '' : ` since ${formatClock(since)}`}, showing the last known data`;
}
