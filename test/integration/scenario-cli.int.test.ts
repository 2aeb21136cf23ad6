import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { runNpm } from '../support/run-npm';
import { SimulatorProcess } from '../support/simulator-process';

/**
 * `npm run scenario` as a user runs it beside a running simulator: a second terminal with Kafka
 * settings only, no DEMO_MODE and no auth setting. It once exited with "AUTH_SECRET is required
 * outside demo mode" because it read the BFF's configuration.
 */
describe('npm run scenario, as a user runs it', () => {
  const kafkaOnly = { KAFKA_BROKERS: inject('brokers') };
  const simulator = new SimulatorProcess('scenario-cli');

  beforeAll(async () => {
    // The simulator too runs with Kafka settings only, as in a deployment without the demo.
    simulator.start(kafkaOnly);
    await simulator.waitForLog(/listening for scenario commands/);
  });

  afterAll(async () => {
    await simulator.stop();
  });

  it('starts a scenario in the running simulator with no DEMO_MODE and no auth setting', async () => {
    const result = await runNpm(['scenario', '--', 'overheat', '--target', 'tanker-0001'], kafkaOnly);
    expect(result.out).not.toMatch(/AUTH_SECRET/);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/sent to simulator\.control: .*"scenario":"overheat"/);
    await simulator.waitForLog(/scenario overheat started/, 30_000);
    expect(simulator.log()).toMatch(/tanker-0001/);
  });

  it('still reports its own bad input and bad Kafka settings clearly', async () => {
    const unknown = await runNpm(['scenario', '--', 'meltdown'], kafkaOnly);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(/unknown scenario "meltdown"/);
    const badKafka = await runNpm(['scenario', '--', 'overheat'], { ...kafkaOnly, KAFKA_SASL_MECHANISM: 'plain' });
    expect(badKafka.code).toBe(2);
    expect(badKafka.out).toMatch(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required/);
  });
});
