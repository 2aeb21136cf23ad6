import type { AlertStatus, AuditEntry } from '@/lib/api/alerts';
import type { AlertAction } from '@/lib/contracts/alerts';

/**
 * The team's work on one alert, folded from its actions in the order they sit in
 * `alerts.actions`. Actions are keyed by alertId, so one alert's actions are in one partition
 * and every BFF instance folds them in the same order: two people acting at once get the same
 * outcome everywhere. An action that makes no sense in the state it meets (acknowledging a
 * resolved alert) changes nothing but stays in the audit trail, marked as not applied.
 */
export interface Workflow {
  base: 'open' | 'acknowledged' | 'resolved';
  assignee: string | null;
  snoozedUntil: number | null;
  acknowledged: { by: string; at: number } | null;
  resolved: { by: string; at: number } | null;
  actions: Extract<AuditEntry, { type: 'action' }>[];
  seenActionIds: Set<string>;
}

export function emptyWorkflow(): Workflow {
  return { base: 'open', assignee: null, snoozedUntil: null, acknowledged: null, resolved: null, actions: [], seenActionIds: new Set() };
}

/** Applies one action; returns false for an action already applied (the same record read twice). */
export function applyAction(workflow: Workflow, action: AlertAction): boolean {
  if (workflow.seenActionIds.has(action.actionId)) return false;
  workflow.seenActionIds.add(action.actionId);
  workflow.actions.push({ type: 'action', applied: transition(workflow, action), ...action });
  return true;
}

function transition(workflow: Workflow, action: AlertAction): boolean {
  const resolved = workflow.base === 'resolved';
  switch (action.action) {
    case 'ack':
      if (workflow.base !== 'open') return false;
      workflow.base = 'acknowledged';
      workflow.acknowledged = { by: action.by, at: action.at };
      return true;
    case 'assign':
      if (resolved || !action.assignee) return false;
      workflow.assignee = action.assignee;
      return true;
    case 'snooze':
      if (resolved || action.until === undefined || action.until <= action.at) return false;
      workflow.snoozedUntil = action.until;
      return true;
    case 'resolve':
      if (resolved) return false;
      workflow.base = 'resolved';
      workflow.resolved = { by: action.by, at: action.at };
      workflow.snoozedUntil = null;
      return true;
    case 'reopen':
      if (!resolved) return false;
      workflow.base = 'open';
      workflow.resolved = null;
      workflow.acknowledged = null;
      workflow.snoozedUntil = null;
      return true;
    case 'note':
      return Boolean(action.note);
  }
}

/** Status at `now`: resolved wins, then a matching silence, then a snooze still running. */
export function statusAt(workflow: Workflow, silenced: boolean, now: number): AlertStatus {
  if (workflow.base === 'resolved') return 'resolved';
  if (silenced) return 'silenced';
  if (workflow.snoozedUntil !== null && workflow.snoozedUntil > now) return 'snoozed';
  return workflow.base;
}
