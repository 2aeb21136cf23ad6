/** The presets of the time control, minutes before now. */
export const MOMENT_PRESETS = [
  { label: '15 min ago', minutes: 15 },
  { label: '1 h ago', minutes: 60 },
  { label: '24 h ago', minutes: 24 * 60 },
] as const;

/** `<input type="datetime-local">` speaks local time without a zone, to the minute or second. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function fromLocalInput(value: string): number | null {
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** A retention in words for the time control: "7 days", "6 h". */
export function formatRetention(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48 && Number.isInteger(hours / 24)) return `${hours / 24} days`;
  return `${Math.round(hours * 10) / 10} h`;
}

/** How far the timeline's edges lag the clock: its query is keyed by them, so they change at most this often. */
export const TIMELINE_EDGE_STEP_MS = 10_000;

/**
 * The timeline's window around a moment: an hour either side, within retention and never past now;
 * moved in 10-minute strides so playback does not refetch it every tick. Its edges at now and at
 * the start of retention move in steps too: the page renders several times a second while playing,
 * and an edge at the clock's millisecond made every render a new query, one Kafka read each.
 */
export function timelineWindow(at: number, now: number, oldestAt: number): { from: number; until: number } {
  const stride = 10 * 60_000;
  const centre = Math.floor(at / stride) * stride;
  const step = TIMELINE_EDGE_STEP_MS;
  return { from: Math.max(Math.ceil(oldestAt / step) * step, centre - 3_600_000), until: Math.min(Math.floor(now / step) * step, centre + 3_600_000) };
}
