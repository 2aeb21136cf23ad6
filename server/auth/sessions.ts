import { z } from 'zod';

import { roleSchema } from '@/lib/auth/roles';

/**
 * What a session cookie carries beyond name and role: `sid` names this one sign-in (so signing
 * out can revoke it), `authAt` is when it began (the absolute lifetime counts from there, however
 * often the cookie is renewed), `provider` says where the role came from.
 */
export const sessionClaimsSchema = z.object({
  name: z.string().min(1).max(128),
  role: roleSchema,
  sid: z.string().min(16).max(64),
  authAt: z.number().int().positive(),
  provider: z.string().min(1).max(32),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/**
 * Sessions ended by signing out, kept until they would have expired anyway. In memory, per BFF
 * instance (README: behind several instances, a sign-out ends the session on the instance that
 * received it; the absolute lifetime bounds it everywhere). Listeners (the socket server) hear of
 * each revocation at once, so open sockets of that session are closed without waiting.
 */
export class RevokedSessions {
  private readonly until = new Map<string, number>();
  private readonly listeners = new Set<(sid: string) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  revoke(sid: string, expiresAt: number): void {
    this.prune();
    this.until.set(sid, expiresAt);
    for (const listener of this.listeners) listener(sid);
  }

  has(sid: string): boolean {
    return this.until.has(sid);
  }

  onRevoke(listener: (sid: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private prune(): void {
    const now = this.now();
    for (const [sid, expiresAt] of this.until) if (expiresAt <= now) this.until.delete(sid);
  }
}
