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
