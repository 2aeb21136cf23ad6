import type { StreamCounts } from '@/lib/api/health';
import { rejectionKind } from '@/lib/contracts/parse';
import type { Logger } from '@/platform/logger';

import { messagesConsumed, messagesRejected } from '../metrics';

/**
 * Per-topic counts behind `/api/health` and `/metrics`. A rejection is logged once per topic and
 * kind of fault (then only counted), because a poison stream would otherwise flood the log.
 */
export class StreamStats {
  private readonly counts = new Map<string, StreamCounts>();
  private readonly loggedFaults = new Set<string>();

  constructor(private readonly logger: Logger) {}

  accepted(topic: string, count = 1, at = Date.now()): void {
    const entry = this.entry(topic);
    entry.messages += count;
    entry.lastMessageAt = at;
    messagesConsumed.inc({ topic }, count);
  }

  rejected(topic: string, reason: string, where: { partition: number; offset: string }): void {
    const entry = this.entry(topic);
    entry.rejected += 1;
    const kind = rejectionKind(reason);
    messagesRejected.inc({ topic, kind });
    const faultKey = `${topic}/${kind}`;
    if (!this.loggedFaults.has(faultKey)) {
      this.loggedFaults.add(faultKey);
      this.logger.warn({ topic, ...where, reason }, 'rejected a message (further rejections of this kind are only counted)');
    }
  }

  /** Declares a topic so it shows in health with zero counts before its first message. */
  track(topic: string): void {
    this.entry(topic);
  }

  snapshot(): Record<string, StreamCounts> {
    return Object.fromEntries([...this.counts].map(([topic, counts]) => [topic, { ...counts }]));
  }

  private entry(topic: string): StreamCounts {
    let entry = this.counts.get(topic);
    if (!entry) {
      entry = { messages: 0, rejected: 0, lastMessageAt: null };
      this.counts.set(topic, entry);
    }
    return entry;
  }
}
