import type { Producer, TopicMessages } from 'kafkajs';

import type { Logger } from '@/platform/logger';

import { splitBySize } from './batch-split';

export interface ProducerLoopOptions {
  producer: Producer;
  tickMs: number;
  /** Everything due at `nowMs`; `wallDtS` is the wall time since the previous tick. */
  produce(nowMs: number, wallDtS: number): TopicMessages[];
  logger: Logger;
  reportEveryMs?: number;
}

export interface ProducerLoop {
  /** Finishes the tick in flight (its batch is sent), then returns. */
  stop(): Promise<void>;
}

/**
 * One tick's messages for every topic go out together, in as few requests as the broker's size
 * limit allows (sent at once): thousands of messages a second cost a handful of requests. A slow send delays the next tick instead of piling requests up; what fell due in
 * the meantime goes out in the next batch.
 */
export function startProducerLoop(options: ProducerLoopOptions): ProducerLoop {
  const { producer, tickMs, logger } = options;
  const throughput = new ThroughputReport(logger, options.reportEveryMs ?? 10_000);
  let running = true;
  let sleeping: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  const loop = (async () => {
    let previousMs = Date.now();
    let nextTickMs = previousMs;
    while (running) {
      const nowMs = Date.now();
      const batch = options.produce(nowMs, (nowMs - previousMs) / 1_000).filter((topic) => topic.messages.length > 0);
      previousMs = nowMs;
      if (batch.length > 0) await send(producer, batch, throughput, logger);
      throughput.maybeReport(Date.now());
      nextTickMs = Math.max(nextTickMs + tickMs, Date.now());
      if (running) {
        await new Promise<void>((resolve) => {
          sleeping = { timer: setTimeout(resolve, nextTickMs - Date.now()), wake: resolve };
        });
      }
    }
    throughput.report(Date.now(), 'producer stopped');
  })();
  return {
    stop: async () => {
      running = false;
      if (sleeping) {
        clearTimeout(sleeping.timer);
        sleeping.wake();
      }
      await loop;
    },
  };
}

function send(producer: Producer, tick: TopicMessages[], throughput: ThroughputReport, logger: Logger): Promise<unknown> {
  return Promise.all(splitBySize(tick).map((request) => sendRequest(producer, request, throughput, logger)));
}

async function sendRequest(producer: Producer, topicMessages: TopicMessages[], throughput: ThroughputReport, logger: Logger): Promise<void> {
  try {
    await producer.sendBatch({ topicMessages });
    for (const topic of topicMessages) throughput.count(topic.topic, topic.messages.length);
  } catch (error) {
    // kafkajs has already retried; losing one request of simulated data beats stopping the simulator.
    const messages = topicMessages.reduce((sum, topic) => sum + topic.messages.length, 0);
    logger.error({ err: error, messages }, 'send failed, batch dropped');
  }
}

/** Messages per second per topic and the process's CPU use, logged periodically: how the simulator keeps up. */
class ThroughputReport {
  private counts = new Map<string, number>();
  private sinceMs = Date.now();
  private cpu = process.cpuUsage();

  constructor(
    private readonly logger: Logger,
    private readonly everyMs: number,
  ) {}

  count(topic: string, messages: number): void {
    this.counts.set(topic, (this.counts.get(topic) ?? 0) + messages);
  }

  maybeReport(nowMs: number): void {
    if (nowMs - this.sinceMs >= this.everyMs) this.report(nowMs, 'throughput');
  }

  report(nowMs: number, message: string): void {
    const seconds = Math.max(0.001, (nowMs - this.sinceMs) / 1_000);
    const cpu = process.cpuUsage(this.cpu);
    const perTopic = Object.fromEntries([...this.counts].map(([topic, count]) => [topic, Math.round((count / seconds) * 10) / 10]));
    const total = [...this.counts.values()].reduce((sum, count) => sum + count, 0);
    const cpuPct = Math.round(((cpu.user + cpu.system) / 1_000 / (seconds * 1_000)) * 100);
    this.logger.info({ msgsPerS: Math.round(total / seconds), perTopic, cpuPct }, message);
    this.counts = new Map();
    this.sinceMs = nowMs;
    this.cpu = process.cpuUsage();
  }
}
