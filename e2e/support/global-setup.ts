import { startTestKafka } from '../../test/support/test-kafka';

/** One real broker for the browser tests; workers find it through the environment. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const kafka = await startTestKafka();
  process.env.E2E_KAFKA_BROKERS = kafka.brokers;
  return async () => {
    await kafka.stop();
  };
}
