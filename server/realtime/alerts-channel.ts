import { alertTeamsFor } from '@/lib/auth/access';
import type { Team } from '@/lib/contracts/alerts';
import { TEAMS } from '@/lib/contracts/alerts';

import type { AlertStore } from '../alerts/alert-store';
import { socketFramesSent } from '../metrics';

import { roomOf } from './socket-server';
import type { RealtimeServer, RealtimeSocket } from './socket-server';

/** Sockets in this room must not see the team's alerts (their role is not of that team). */
function hiddenRoom(team: Team): string {
  return `alerts:hidden:${team}`;
}

/**
 * Pushes every change of an alert at once (its state and only the audit entries the change added,
 * never the whole trail), as one frame to the `alerts` room minus the sockets
 * whose role may not see that team's alerts. Alerts are rare and each matters, so nothing is
 * coalesced or dropped (no volatile emits). Excluding by room keeps the one-frame broadcast and
 * needs nothing on unsubscribe: a socket that left `alerts` gets nothing anyway.
 */
export class AlertsChannel {
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly io: RealtimeServer,
    private readonly store: AlertStore,
  ) {}

  start(): void {
    this.stops.push(
      this.store.onChange((view, added) => {
        const { audit: _trail, ...summary } = view;
        this.io
          .to(roomOf('alerts'))
          .except(hiddenRoom(view.alert.team))
          .emit('alert:upsert', { ...summary, added });
        socketFramesSent.inc({ event: 'alert:upsert' });
      }),
      this.store.onSilencesChanged(() => this.pushSilences()),
    );
  }

  /** Each socket gets the silences of the teams it sees, never another team's (rare: one frame per socket is fine). */
  private pushSilences(): void {
    const ids = this.io.of('/').adapter.rooms.get(roomOf('alerts')) ?? new Set<string>();
    for (const id of ids) {
      const socket = this.io.of('/').sockets.get(id);
      if (!socket) continue;
      socket.emit('alert:silences', { silences: this.store.activeSilences(alertTeamsFor(socket.data.identity.role)) });
      socketFramesSent.inc({ event: 'alert:silences' });
    }
  }

  stop(): void {
    this.stops.forEach((stop) => stop());
  }

  /** A joining socket is kept out of the rooms of teams it may not see; its snapshot comes from `GET /api/alerts`. */
  join(socket: RealtimeSocket): void {
    const visible = alertTeamsFor(socket.data.identity.role);
    for (const team of TEAMS) if (!visible.includes(team)) void socket.join(hiddenRoom(team));
  }
}
