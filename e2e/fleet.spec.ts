import { Kafka, logLevel } from 'kafkajs';

import { sendScenario } from '../test/support/scenario';

import { E2E_CABS, E2E_TANKERS, expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { signInAs } from './support/sign-in-page';

const FLEET_SIZE = E2E_CABS + E2E_TANKERS;

test('the fleet page shows every live vehicle, and its numbers change over time', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);

  await expect(fleet.connection).toHaveAttribute('data-state', 'live');
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });
  await expect(fleet.totalKpi).toHaveText(String(FLEET_SIZE));
  await expect(fleet.rows().first()).toBeVisible();
  await expect(fleet.freshness).toContainText(/Newest fix (just now|\d+ s ago)/);

  const before = await fleet.visibleRowsText();
  await expect.poll(() => fleet.visibleRowsText(), { timeout: 15_000 }).not.toBe(before);
});

test('the map draws as many vehicles as the simulator runs', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);

  await expect(fleet.map).toHaveAttribute('data-drawn-vehicles', String(FLEET_SIZE), { timeout: 30_000 });
  await expect(fleet.map).toHaveAttribute('aria-label', `Fleet map: ${FLEET_SIZE} vehicles in view`);
});

test('typing a plate in the search narrows the list to that vehicle', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });

  const plate = await fleet.cell('tanker-0002', 1).innerText();
  await fleet.search.fill(plate);

  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', '1');
  await expect(fleet.rows()).toHaveCount(1);
  await expect(fleet.rows().first()).toHaveAttribute('data-vehicle-id', 'tanker-0002');
});

test('clicking a vehicle opens its detail, whose charts move forward in time, and the link opens it again', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });

  await fleet.row('tanker-0001').click();
  await expect(fleet.detail).toBeVisible();
  await expect(fleet.detail).toContainText('tanker-0001');
  await expect(page).toHaveURL(/\?vehicle=tanker-0001$/);
  await expect(fleet.charts.getByRole('figure')).toHaveCount(4);
  await expect(fleet.charts.getByRole('figure', { name: 'Container temperature chart' })).toBeVisible();
  await expect.poll(() => fleet.lastChartPointAt(), { timeout: 15_000 }).toBeGreaterThan(0);
  // The vehicle's recent history arrives with the subscription, not only the points from now on.
  await expect.poll(async () => Number(await fleet.charts.getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(10);
  const first = await fleet.lastChartPointAt();
  await expect.poll(() => fleet.lastChartPointAt(), { timeout: 15_000 }).toBeGreaterThan(first);

  await fleet.open(stack.url, 'cab-0002');
  await expect(fleet.detail).toContainText('cab-0002');
  await expect(fleet.charts.getByRole('figure')).toHaveCount(3);
});

test('a vehicle whose telemetry stops turns offline within 35 s', async ({ page, stack }) => {
  test.setTimeout(120_000);
  await stack.waitForLog(/listening for scenario commands/);
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await fleet.search.fill('cab-0003');
  await expect(fleet.cell('cab-0003', 4)).toHaveText('live', { timeout: 30_000 });

  const brokers = process.env.E2E_KAFKA_BROKERS ?? '';
  await sendScenario(new Kafka({ clientId: 'e2e-scenario', brokers: [brokers], logLevel: logLevel.NOTHING }), 'silence', { target: 'cab-0003', durationS: 90 });
  const sentAt = Date.now();

  await expect(fleet.cell('cab-0003', 3)).toHaveText('offline', { timeout: 35_000 });
  expect(Date.now() - sentAt).toBeLessThanOrEqual(35_000);
  await expect(fleet.cell('cab-0003', 4)).toHaveText('offline');
});
