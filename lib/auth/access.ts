import type { Team } from '../contracts/alerts';
import type { Channel } from '../realtime/channels';

import type { Role } from './roles';

/**
 * The role matrix, written once: pages, API routes and Socket.IO channels of each view, and the
 * roles that may use them. `admin` may use everything. The README's table mirrors this one and
 * test/integration/access.int.test.ts walks it independently.
 */
export interface ViewAccess {
  id: 'fleet' | 'alerts' | 'sales' | 'lag' | 'concentration' | 'alerting';
  label: string;
  page: string;
  apiPrefixes: string[];
  channels: string[];
  roles: readonly Role[];
}

export const VIEW_ACCESS: readonly ViewAccess[] = [
  { id: 'fleet', label: 'Fleet', page: '/fleet', apiPrefixes: ['/api/fleet'], channels: ['fleet', 'vehicle'], roles: ['fleet'] },
  { id: 'alerts', label: 'Alerts', page: '/alerts', apiPrefixes: ['/api/alerts'], channels: ['alerts'], roles: ['fleet', 'security', 'platform'] },
  { id: 'sales', label: 'Sales', page: '/sales', apiPrefixes: ['/api/sales'], channels: ['sales'], roles: [] },
  { id: 'lag', label: 'Consumer lag', page: '/lag', apiPrefixes: ['/api/lag'], channels: ['lag'], roles: ['platform'] },
  { id: 'concentration', label: 'Concentration', page: '/concentration', apiPrefixes: ['/api/zones'], channels: ['zones'], roles: ['security'] },
  // Receivers, routes and the last notification attempts (ALERTING_CONFIG): admin only.
  { id: 'alerting', label: 'Alerting', page: '/alerting', apiPrefixes: ['/api/alerting'], channels: [], roles: [] },
];

/** Paths anyone may reach: sign-in, health, Next.js assets. `/metrics` is decided by a setting. */
const OPEN_PATHS = ['/signin', '/forbidden', '/api/auth', '/api/health', '/_next', '/icon.svg', '/favicon.ico'];

export type PathRule = { kind: 'open' } | { kind: 'metrics' } | { kind: 'view'; view: ViewAccess; api: boolean } | { kind: 'signed-in'; api: boolean };

export function ruleForPath(pathname: string): PathRule {
  if (OPEN_PATHS.some((open) => isUnder(pathname, open))) return { kind: 'open' };
  if (pathname === '/metrics') return { kind: 'metrics' };
  const api = isUnder(pathname, '/api');
  for (const view of VIEW_ACCESS) {
    if (isUnder(pathname, view.page) || view.apiPrefixes.some((prefix) => isUnder(pathname, prefix))) return { kind: 'view', view, api };
  }
  // Anything else (the home page, unknown paths, future routes) needs at least a signed-in user.
  return { kind: 'signed-in', api };
}

export function mayUse(role: Role, view: ViewAccess): boolean {
  return role === 'admin' || view.roles.includes(role);
}

export function mayAccessPath(role: Role, pathname: string): boolean {
  const rule = ruleForPath(pathname);
  return rule.kind !== 'view' || mayUse(role, rule.view);
}

export function maySubscribe(role: Role, channel: Channel): boolean {
  const kind = channel.startsWith('vehicle:') ? 'vehicle' : channel;
  const view = VIEW_ACCESS.find((candidate) => candidate.channels.includes(kind));
  return view !== undefined && mayUse(role, view);
}

export function viewsFor(role: Role): ViewAccess[] {
  return VIEW_ACCESS.filter((view) => mayUse(role, view));
}

/** Where a user lands after sign-in: their team's own view rather than the shared inbox. */
export function homeFor(role: Role): string {
  const views = viewsFor(role);
  return (views.find((view) => view.id !== 'alerts') ?? views[0])?.page ?? '/forbidden';
}

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`) || (prefix.includes('.') && pathname === prefix);
}

/** Whose alerts a role sees (and may act on) in the shared inbox: its own team's; admin every team's. */
const ALERT_TEAMS: Record<Role, readonly Team[]> = {
  fleet: ['fleet'],
  security: ['security'],
  platform: ['platform'],
  admin: ['fleet', 'security', 'platform'],
};

export function alertTeamsFor(role: Role): readonly Team[] {
  return ALERT_TEAMS[role];
}
