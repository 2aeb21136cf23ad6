import type { AlertView } from '../api/alerts';
import type { Alert } from '../contracts/alerts';
import { TEAMS } from '../contracts/alerts';

const KINDS: readonly Alert['kind'][] = ['anomaly', 'capacity', 'consumer-lag', 'external'];

/** Per `team:kind`, how long after clearing an untouched alert is resolved by itself. */
export type AutoResolveRules = ReadonlyMap<string, number>;

/** Who the audit trail names for a resolution nobody clicked. */
export const AUTO_RESOLVER = 'auto-resolve';

/**
 * `ALERTS_AUTO_RESOLVE`: `team:kind=minutes` pairs, comma-separated (e.g.
 * `platform:consumer-lag=10,fleet:anomaly=30`); empty: off. Throws with the faulty pair.
 */
export function parseAutoResolve(text: string | undefined): AutoResolveRules {
  const rules = new Map<string, number>();
  for (const pair of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+):([a-z-]+)=(\d+(?:\.\d+)?)$/.exec(pair);
    const [, team, kind, minutes] = match ?? [];
    if (!team || !kind || !minutes || !(TEAMS as readonly string[]).includes(team) || !(KINDS as readonly string[]).includes(kind)) {
      throw new Error(`"${pair}" is not team:kind=minutes (teams ${TEAMS.join(', ')}; kinds ${KINDS.join(', ')})`);
    }
    rules.set(`${team}:${kind}`, Number(minutes) * 60_000);
  }
  return rules;
}

/**
 * True when a cleared alert that nobody resolved has stayed cleared past its team and kind's
 * delay. Inhibited and firing alerts never qualify: the fault was not seen to end.
 */
export function autoResolveDue(view: Pick<AlertView, 'alert' | 'status'>, rules: AutoResolveRules, now: number): boolean {
  const { alert } = view;
  if (alert.state !== 'cleared' || view.status === 'resolved') return false;
  const delay = rules.get(`${alert.team}:${alert.kind}`);
  return delay !== undefined && now - alert.detectedAt >= delay;
}

/** One id per alert and clearing, so every BFF instance that resolves it writes the same action (applied once). */
export function autoResolveActionId(alert: Pick<Alert, 'alertId' | 'detectedAt'>): string {
  return `auto-resolve.${alert.alertId}.${alert.detectedAt}`.slice(0, 256);
}
