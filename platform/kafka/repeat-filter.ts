/**
 * kafkajs logs every failed connection attempt, several a second per client while a broker is
 * away (a demo whose BFF boots before its broker printed 30 identical errors in 9 s). The first
 * of a kind is logged; repeats within the window are counted and reported with the next one let
 * through, so a broker that stays away still shows up every window.
 */
export class RepeatFilter {
  private readonly seen = new Map<string, { loggedAt: number; suppressed: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Null to drop the entry; else how many of its kind were dropped since the last one logged. */
  admit(kind: string): { suppressed: number } | null {
    const at = this.now();
    const known = this.seen.get(kind);
    if (known && at - known.loggedAt < this.windowMs) {
      known.suppressed += 1;
      return null;
    }
    this.seen.set(kind, { loggedAt: at, suppressed: 0 });
    if (this.seen.size > 1_000) this.forgetOlderThan(at - this.windowMs);
    return { suppressed: known?.suppressed ?? 0 };
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [kind, entry] of this.seen) if (entry.loggedAt < cutoff) this.seen.delete(kind);
  }
}
