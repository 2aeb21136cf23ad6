import { E2E_CABS, E2E_TANKERS, expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { startScenario, withScenarios } from './support/scenario';

const FLEET_SIZE = E2E_CABS + E2E_TANKERS;
/** Column 3 of a list row: the vehicle's status. */
const STATUS = 3;
/** Column 4 of a list row: how far its data can be trusted. */
const DATA = 4;

withScenarios(test, 'fleet');

test('before the first data the fleet page shows placeholders, not zeros, and says when the server cannot be reached', async ({ page, stack }) => {
  // Hold the live connection back (Socket.IO's WebSocket and its polling fallback): the page has
  // nothing yet, and must say it is loading. (The other fleet tests see the data arrive.)
  await page.routeWebSocket('**/socket.io/**', (socket) => socket.close());
  await page.route('**/socket.io/**', (route) => route.abort());
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(page.getByTestId('loading-placeholder')).toContainText('Loading the fleet');
  await expect(fleet.totalKpi).not.toHaveText('0');
  await expect(fleet.totalKpi.getByLabel('loading')).toBeVisible();
  // Its connection lost, the page does not load on silently. A socket closed before its handshake,
  // as here, counts as failed at Socket.IO's connect timeout (20 s); a refused one at once.
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be reached' })).toHaveText(/^The server cannot be reached, so nothing has loaded yet/, {
    timeout: 30_000,
  });
});

test('"hf293r" finds HF-293-R: a plate typed without dashes or case, in the list and on the map', async ({ page, stack }) => {
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });
  await expect(fleet.map).toHaveAttribute('data-drawn-vehicles', String(FLEET_SIZE), { timeout: 30_000 });

  const plate = await fleet.cell('cab-0003', 1).innerText(); // e.g. HF-293-R
  const typed = plate.replaceAll('-', '').toLowerCase(); // e.g. hf293r
  await fleet.search.pressSequentially(typed);
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', '1');
  await expect(fleet.cell('cab-0003', 1)).toHaveText(plate);
  // The map shows what the list shows.
  await expect(fleet.map).toHaveAttribute('data-drawn-vehicles', '1');

  await fleet.search.fill('');
  await fleet.fleetFilter.selectOption('tankers');
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(E2E_TANKERS));
  await expect(fleet.map).toHaveAttribute('data-drawn-vehicles', String(E2E_TANKERS));
});

test('a vehicle in trouble stands out: an overheat colours its row and pill critical, and a toast announces it', async ({ page, stack }) => {
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });
  const vehicleId = await fleet.movingVehicle(stack.url);

  await startScenario('overheat', { target: vehicleId, durationS: 40 });

  const toast = page.getByTestId('critical-toast');
  await expect(toast).toContainText('New critical alert', { timeout: 40_000 });
  await expect(fleet.row(vehicleId)).toHaveAttribute('data-alert-severity', 'critical');
  await expect(fleet.row(vehicleId)).toHaveClass(/vehicle-row-critical/);
  await expect(fleet.cell(vehicleId, 3).locator('.status')).toHaveClass(/status-alert-critical/);
  // The toast leads to the vehicle.
  await toast.getByRole('button', { name: /^Show / }).click();
  await expect(page).toHaveURL(new RegExp(`vehicle=${vehicleId}`));
  await expect(fleet.detail).toBeVisible();
});

test('a vehicle whose telemetry stops turns offline within 35 s, raises an offline alert, and its row greys with the age of its values', async ({
  page,
  stack,
}) => {
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });
  // One without open alerts: earlier tests' alerts on the shared stack would colour the row by their severity.
  const vehicleId = await fleet.movingVehicle(stack.url, [], { withoutAlerts: true });

  await startScenario('silence', { target: vehicleId, durationS: 60 });
  const sentAt = Date.now();

  // Offline after FLEET_OFFLINE_AFTER_S (30 s): the status says so, the row greys, "as of …" instead of a live value.
  await expect(fleet.cell(vehicleId, STATUS)).toHaveText('offline', { timeout: 35_000 });
  expect(Date.now() - sentAt).toBeLessThanOrEqual(35_000);
  await expect(fleet.row(vehicleId)).toHaveClass(/vehicle-row-offline/);
  await expect(fleet.cell(vehicleId, DATA)).toHaveText(/^as of (\d+ s|\d+ min) ago$/);
  // The anomaly job's silence watch raises a fleet alert routed like any other: it reaches the row and the inbox.
  await expect(fleet.row(vehicleId)).toHaveAttribute('data-alert-severity', 'warning', { timeout: 20_000 });
  // The inbox row names the vehicle by its plate (subject first): "NR-008-S: Offline for 45 s".
  const plate = (await fleet.cell(vehicleId, 1).innerText()).trim();
  await page.goto(`${stack.url}/alerts`);
  await expect(
    page
      .getByTestId('alert-row')
      .filter({ hasText: plate })
      .filter({ hasText: /offline for/i })
      .first(),
  ).toBeVisible();
});
