import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChildEnv } from '../../scripts/lib/process-group';
import { ProcessGroup } from '../../scripts/lib/process-group';
import { bffSpec } from '../../scripts/lib/stack';
import type { DeployedAuth } from '../support/deployed';
import { deployedAuth } from '../support/deployed';
import { TEST_PORTS } from '../support/ports';
import { runNpm } from '../support/run-npm';
import type { SecuredKafka } from '../support/secured-kafka';
import { KAFKA_USERS, startSecuredKafka } from '../support/secured-kafka';
import { SimulatorProcess } from '../support/simulator-process';
import { TestStack } from '../support/stack';
import { TEST_LOG_DIR } from '../support/test-kafka';

/**
 * The BFF, the simulator and the scenario CLI against a broker configured as a deployed cluster
 * is: TLS with a certificate authority made for this run, SASL/PLAIN and SASL/SCRAM-SHA-512, no
 * demo mode. A second broker beside the suite's plaintext one, on its own ports.
 */
describe('Kafka over TLS and SASL', () => {
  let broker: SecuredKafka;
  let operator: DeployedAuth;
  const wrongBffPort = TEST_PORTS.securedWrong;
  const stacks: TestStack[] = [];
  const simulators: SimulatorProcess[] = [];
  const others = new ProcessGroup({ output: { kind: 'file', path: path.join(TEST_LOG_DIR, 'secured-others.log') } });

  const tls = (): ChildEnv => ({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: broker.caFile });
  const sasl = (mechanism: 'plain' | 'scram-sha-512', user: { username: string; password: string }): ChildEnv => ({
    KAFKA_BROKERS: broker.saslSslBrokers,
    ...tls(),
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: user.username,
    KAFKA_SASL_PASSWORD: user.password,
  });

  function simulator(name: string, settings: ChildEnv): SimulatorProcess {
    const process = new SimulatorProcess(name);
    simulators.push(process);
    process.start(settings);
    return process;
  }

  async function bff(port: number, logName: string, kafka: ChildEnv): Promise<TestStack> {
    // Topics are made over the plaintext listener by the test; the BFF itself connects with `kafka`.
    const stack = new TestStack({
      brokers: broker.brokers,
      bffPort: port,
      logName,
      cabs: 0,
      tankers: 0,
      pipeline: false,
      env: { ...operator.env, PUBLIC_URL: `http://127.0.0.1:${port}`, LAG_POLL_INTERVAL_MS: '1000', ...kafka },
    });
    stacks.push(stack);
    await stack.start();
    return stack;
  }

  beforeAll(async () => {
    fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
    operator = deployedAuth('http://127.0.0.1');
    broker = await startSecuredKafka();
  });

  afterAll(async () => {
    await Promise.all([...stacks.map((stack) => stack.stop()), ...simulators.map((process) => process.stop()), others.stopAll()]);
    await broker?.stop();
  });

  it('the simulator writes over SCRAM-SHA-512 and a BFF reads the cluster over SASL/PLAIN', async () => {
    const scramWriter = simulator('secured-simulator-scram', sasl('scram-sha-512', KAFKA_USERS.scram));
    await scramWriter.waitForLog(/listening for scenario commands/);
    const plainReader = await bff(TEST_PORTS.securedPlain, 'secured-bff-plain', sasl('plain', KAFKA_USERS.plain));
    // The simulator's control consumer group, made over SCRAM, seen by the BFF's lag monitor over PLAIN.
    await expect
      .poll(async () => JSON.stringify(await (await plainReader.fetch('/api/lag', {}, operator.apiToken)).json()), { timeout: 30_000, interval: 1_000 })
      .toMatch(/simulator\.control\./);
  });

  it('the simulator over SASL/PLAIN, a BFF over SCRAM-SHA-512 and the scenario CLI over TLS alone', async () => {
    const plainWriter = simulator('secured-simulator-plain', sasl('plain', KAFKA_USERS.plain));
    await plainWriter.waitForLog(/tables written/);
    const scramReader = await bff(TEST_PORTS.securedScram, 'secured-bff-scram', sasl('scram-sha-512', KAFKA_USERS.scram));
    expect(await (await scramReader.fetch('/api/health', {}, operator.apiToken)).json()).toMatchObject({ status: 'ok', kafka: { connected: true } });
    const cli = await scenario({ KAFKA_BROKERS: broker.sslBrokers, ...tls() });
    expect(cli.code, cli.out).toBe(0);
  });

  it('a wrong password or an untrusted certificate fails with a message that says which setting to fix', async () => {
    // The BFF starts first: it takes the longest to show its verdict.
    others.start(
      bffSpec({
        ...operator.env,
        PUBLIC_URL: `http://127.0.0.1:${wrongBffPort}`,
        PORT: String(wrongBffPort),
        HOST: '127.0.0.1',
        ...sasl('plain', { ...KAFKA_USERS.plain, password: 'wrong' }),
      }),
    );
    const wrongScram = { ...sasl('scram-sha-512', KAFKA_USERS.scram), KAFKA_SASL_PASSWORD: 'not-the-password' };
    // The simulator logs JSON lines, where the quotes come escaped.
    const refused = /refused user \\?"sim-scram\\?" \(SASL SCRAM-SHA-512\): check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/;
    const cli = await scenario(wrongScram);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(refused);
    const writer = simulator('secured-simulator-wrong', wrongScram);
    await writer.waitForLog(/simulator failed/);
    expect(writer.log()).toMatch(refused);

    // The BFF keeps serving (degraded) and says why in its health answer and its log.
    await expect
      .poll(
        async () => {
          const response = await fetch(`http://127.0.0.1:${wrongBffPort}/api/health`, { headers: { authorization: `Bearer ${operator.apiToken}` } }).catch(
            () => undefined,
          );
          return response ? JSON.stringify(await response.json()) : 'not up';
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toMatch(/refused user \\"bff-plain\\" \(SASL PLAIN\)/);
    // Last: kafkajs retries a failed TLS handshake several times before giving up.
    const untrusted = await scenario({ KAFKA_BROKERS: broker.sslBrokers, KAFKA_SSL: 'true' });
    expect(untrusted.out).toMatch(/TLS certificate of Kafka at .* is not trusted: set KAFKA_SSL_CA_FILE/);
  }, 240_000);
});

function scenario(settings: ChildEnv): Promise<{ code: number | null; out: string }> {
  return runNpm(['scenario', '--', 'sensor-spike'], settings);
}
