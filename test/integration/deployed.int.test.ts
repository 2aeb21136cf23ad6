import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { DEMO_ADMIN_TOKEN, DEMO_PASSWORD } from '../../server/config';
import type { DeployedAuth } from '../support/deployed';
import { deployedAuth } from '../support/deployed';
import { TEST_PORTS } from '../support/ports';
import { signInOverHttp } from '../support/session';
import { SimulatorProcess } from '../support/simulator-process';
import { TestStack } from '../support/stack';

/**
 * The product as it is deployed, not as the demo runs it: the BFF without DEMO_MODE, with the
 * secret, user and API token an operator makes with `npm run auth`; the simulator with Kafka
 * settings only. Every other stack in the suite runs in demo mode, which is how a broken
 * non-demo path once shipped unnoticed.
 */
describe('deployed without demo mode', () => {
  const brokers = inject('brokers');
  const url = `http://127.0.0.1:${TEST_PORTS.deployed}`;
  let operator: DeployedAuth;
  let stack: TestStack;
  const simulator = new SimulatorProcess('deployed-simulator');

  beforeAll(async () => {
    operator = deployedAuth(url);
    stack = new TestStack({ brokers, bffPort: TEST_PORTS.deployed, logName: 'deployed', cabs: 0, tankers: 0, pipeline: false, env: operator.env });
    simulator.start({ KAFKA_BROKERS: brokers });
    await stack.start();
    await simulator.waitForLog(/tables written/);
  });

  afterAll(async () => {
    await Promise.all([stack?.stop(), simulator.stop()]);
  });

  it('signs in the user made with npm run auth and serves them a page and the API', async () => {
    const cookie = await signInOverHttp(url, operator.user.name, operator.user.password);
    const page = await fetch(`${url}/fleet`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const vehicles = await fetch(`${url}/api/fleet/vehicles`, { headers: { cookie } });
    expect(vehicles.status).toBe(200);
    // The user is a fleet user: the role from AUTH_USERS holds.
    expect((await fetch(`${url}/api/sales/per-minute`, { headers: { cookie } })).status).toBe(403);
  });

  it('serves a machine client holding the token made with npm run auth', async () => {
    const lag = await stack.fetch('/api/lag', {}, operator.apiToken);
    expect(lag.status).toBe(200);
    const health = await (await stack.fetch('/api/health', {}, operator.apiToken)).json();
    expect(health).toMatchObject({ status: 'ok', kafka: { connected: true } });
  });

  it('knows neither the demo accounts nor a wrong password', async () => {
    await expect(signInOverHttp(url, 'admin', DEMO_PASSWORD)).rejects.toThrow(/sign-in as admin failed/);
    await expect(signInOverHttp(url, operator.user.name, 'wrong')).rejects.toThrow(/failed/);
    expect((await stack.fetch('/api/fleet/vehicles', {}, DEMO_ADMIN_TOKEN)).status).toBe(401);
    expect((await stack.fetch('/api/fleet/vehicles', {}, null)).status).toBe(401);
  });

  it('ran the simulator with Kafka settings only', () => {
    expect(simulator.log()).not.toMatch(/Invalid configuration|AUTH_SECRET/);
  });
});
