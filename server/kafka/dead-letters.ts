import type { IHeaders, Producer } from 'kafkajs';

import { dlqTopic } from '@/lib/contracts/topics';

export interface RejectedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  reason: string;
}

/**
 * Sends rejected input to `dlq.<consumer>`, byte for byte, with where it came from and why in
 * headers, so an operator can inspect and replay it.
 */
export class DeadLetters {
  readonly topic: string;

  constructor(
    private readonly producer: Producer,
    consumer: string,
  ) {
    this.topic = dlqTopic(consumer);
  }

  async send(rejected: readonly RejectedMessage[]): Promise<void> {
    if (rejected.length === 0) return;
    await this.producer.send({
      topic: this.topic,
      messages: rejected.map((message) => ({
        key: message.key,
        value: message.value,
        headers: dlqHeaders(message),
      })),
    });
  }
}

function dlqHeaders(message: RejectedMessage): IHeaders {
  return {
    'dlq.reason': message.reason,
    'dlq.source.topic': message.topic,
    'dlq.source.partition': String(message.partition),
    'dlq.source.offset': message.offset,
    'dlq.rejected.at': new Date().toISOString(),
  };
}
