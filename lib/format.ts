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
  return value.toLocaleString('en-US', compact ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 } : { style: 'currency', currency });
}

/** "14:03" in the viewer's time zone: the label of a one-minute window. */
export function formatMinute(iso: string | number): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
