/** A subscriber of the `fleet` channel as the push plan sees it. */
export interface PushClient {
  id: string;
  /** False while the previous frames are still queued on its connection: it cannot keep up now. */
  ready: boolean;
}

export interface PushPlan {
  /** Clients left out of this tick's broadcast: busy ones, and those catching up with their own frame. */
  skip: string[];
  /** A client that was busy and is ready again: every vehicle it missed, coalesced, in one frame of its own. */
  catchUp: Map<string, string[]>;
}

/**
 * Decides, per tick, who gets the broadcast delta. A busy client is skipped (its intermediate frames
 * are lost, so it never slows the others or grows a queue in the BFF), but the vehicles it missed are
 * remembered; once it is ready it gets their latest state, so it never loses the newest picture.
 * Pure, so the rules are unit-tested without sockets.
 */
export class FleetPushPlanner {
  /** Vehicles each busy client has not yet received since it fell behind; bounded by the fleet's size. */
  private readonly missed = new Map<string, Set<string>>();

  plan(changedIds: readonly string[], clients: readonly PushClient[]): PushPlan {
    const skip: string[] = [];
    const catchUp = new Map<string, string[]>();
    for (const client of clients) {
      const missed = this.missed.get(client.id);
      if (!client.ready) {
        skip.push(client.id);
        if (missed) for (const id of changedIds) missed.add(id);
        else this.missed.set(client.id, new Set(changedIds));
        continue;
      }
      if (!missed) continue;
      for (const id of changedIds) missed.add(id);
      this.missed.delete(client.id);
      skip.push(client.id);
      if (missed.size > 0) catchUp.set(client.id, [...missed]);
    }
    return { skip, catchUp };
  }

  /** A client gone (disconnected, unsubscribed or sent a fresh snapshot) has nothing left to catch up. */
  forget(clientId: string): void {
    this.missed.delete(clientId);
  }

  get behind(): number {
    return this.missed.size;
  }
}
