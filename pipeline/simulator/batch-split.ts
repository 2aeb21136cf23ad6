import type { Message, TopicMessages } from 'kafkajs';

/**
 * What one produce request may carry. The broker refuses a record batch over its
 * `message.max.bytes` (1 MiB by default, on MSK too), and kafkajs puts all of one request's
 * messages for a partition into one batch: half of that limit per request leaves room for the
 * batch and record headers whatever the partitioning.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** Per-record framing in a v2 record batch (length, attributes, deltas, header count), rounded up. */
const RECORD_OVERHEAD_BYTES = 32;

function sizeOf(message: Message): number {
  const length = (part: Message['key'] | Message['value']) => (part == null ? 0 : typeof part === 'string' ? Buffer.byteLength(part) : part.length);
  return length(message.key) + length(message.value) + RECORD_OVERHEAD_BYTES;
}

/**
 * Splits one tick's messages into requests of at most `maxBytes` each (a single larger message
 * goes alone), keeping each topic's messages in order: at 50,000 vehicles a tick that fell behind
 * holds several megabytes, which as one request the broker rejects whole.
 */
export function splitBySize(topics: readonly TopicMessages[], maxBytes = MAX_REQUEST_BYTES): TopicMessages[][] {
  const requests: TopicMessages[][] = [];
  let current: TopicMessages[] = [];
  let bytes = 0;
  for (const { topic, messages } of topics) {
    let part: TopicMessages | undefined;
    for (const message of messages) {
      const size = sizeOf(message);
      if (bytes > 0 && bytes + size > maxBytes) {
        requests.push(current);
        current = [];
        bytes = 0;
        part = undefined;
      }
      if (!part) current.push((part = { topic, messages: [] }));
      part.messages.push(message);
      bytes += size;
    }
  }
  if (current.length > 0) requests.push(current);
  return requests;
}
