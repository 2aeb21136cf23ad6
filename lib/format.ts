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

/** Revenue: two decimals, no currency symbol, because the generator's prices carry no currency. */
export function formatMoney(value: number): string {
  return formatNumber(value, 2);
}

/** "14:03" in the viewer's time zone: the label of a one-minute window. */
export function formatMinute(iso: string | number): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** "16:06:20" in the viewer's time zone: when something happened today, to the second. */
export function formatClock(at: number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The banner over every view while the BFF does not reach Kafka. */
export function kafkaUnreachableText(since: number | null): string {
  return `Kafka unreachable${since === null ? '' : ` since ${formatClock(since)}`}, showing the last known data`;
}
