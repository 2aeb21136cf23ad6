/**
 * Simulated time for purchases and the campus: it starts at the wall clock and runs `speedup`
 * times faster, so a test sees many one-minute windows close in a few seconds. Fleet telemetry
 * never uses it: freshness is judged against real time.
 */
export interface SimClock {
  readonly speedup: number;
  at(wallMs: number): number;
}

export function createSimClock(wallStartMs: number, speedup: number): SimClock {
  return { speedup, at: (wallMs) => Math.round(wallStartMs + (wallMs - wallStartMs) * speedup) };
}
