import type { TestProject } from 'vitest/node';

import { startTestKafka } from '../support/test-kafka';

declare module 'vitest' {
  export interface ProvidedContext {
    brokers: string;
  }
}

/** One real Kafka broker for all integration test files. */
export default async function setup(project: TestProject) {
  const kafka = await startTestKafka();
  project.provide('brokers', kafka.brokers);
  return async () => {
    await kafka.stop();
  };
}
