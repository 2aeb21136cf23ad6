'use client';

import { useEffect, useState } from 'react';

import type { KafkaReachability } from '@/lib/api/health';
import { realtime } from '@/lib/client/socket';
import { kafkaUnreachableText } from '@/lib/format';

/**
 * Over every view while the BFF does not reach Kafka: what the view shows stopped being live even
 * though the socket to the BFF is fine. The BFF pushes the state unasked; the banner goes by itself.
 */
export function KafkaBanner() {
  const [status, setStatus] = useState<KafkaReachability | undefined>();
  useEffect(() => realtime.on('kafka:status', setStatus), []);
  if (!status || status.reachable) return null;
  return (
    <p className="banner banner-warning" role="alert" data-testid="kafka-banner">
      {kafkaUnreachableText(status.since)}
    </p>
  );
}
