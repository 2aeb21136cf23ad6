import type { KafkaReachability } from '@/lib/api/health';

import type { RealtimeServer } from './socket-server';

export interface KafkaReachabilitySource {
  kafkaReachability(): KafkaReachability;
  onKafkaReachability(listener: (state: KafkaReachability) => void): () => void;
}

/**
 * Tells every socket whether the BFF reaches Kafka: the state on connect, then each change. No
 * subscription: every view shows the banner, whatever channels it holds. Returns the unsubscribe.
 */
export function pushKafkaStatus(io: RealtimeServer, source: KafkaReachabilitySource): () => void {
  io.on('connection', (socket) => socket.emit('kafka:status', source.kafkaReachability()));
  return source.onKafkaReachability((state) => io.emit('kafka:status', state));
}
