import { expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { startScenario, withScenarios } from './support/scenario';

/** The BFF's defaults (README: FLEET_FROZEN_GPS_AFTER_S, FLEET_DELAYED_AFTER_S), which the test stack keeps. */
const FROZEN_GPS_AFTER_MS = 10_000;
/** Column 4 of a list row: how far its data can be trusted. */
const DATA = 4;

withScenarios(test, 'fleet');

test('a vehicle whose GPS repeats one position while it drives is marked "frozen GPS" in the list and its detail', async ({ page, stack }) => {
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  const vehicleId = await fleet.movingVehicle(stack.url);
  await fleet.row(vehicleId).click();
  await expect(fleet.cell(vehicleId, DATA)).toHaveText('live', { timeout: 30_000 });

  const command = await startScenario('frozen-gps', { target: vehicleId, durationS: 60 });

  // A red light or a stop can show it "live" for a moment (standing still explains one position),
  // so the mark is awaited rather than read once; it never comes before the position was held that long.
  await expect(fleet.cell(vehicleId, DATA)).toHaveText('frozen GPS', { timeout: 45_000 });
  expect(Date.now() - command.issuedAt).toBeGreaterThanOrEqual(FROZEN_GPS_AFTER_MS);
  await expect(fleet.detail.locator('dd.freshness-frozen')).toContainText('frozen GPS');
});

test('a vehicle sending each fix 8 s after taking it is marked "delayed fixes"', async ({ page, stack }) => {
  const fleet = new FleetPage(page);
  await fleet.open(stack.url, 'tanker-0003');
  await expect(fleet.cell('tanker-0003', DATA)).toHaveText('live', { timeout: 30_000 });

  await startScenario('late-fixes', { target: 'tanker-0003', durationS: 60 });

  await expect(fleet.cell('tanker-0003', DATA)).toHaveText('delayed fixes', { timeout: 30_000 });
  await expect(fleet.detail.locator('dd.freshness-delayed')).toContainText('delayed fixes');
  // Only that vehicle: the others keep reporting on time.
  await expect(fleet.cell('tanker-0002', DATA)).toHaveText('live');
});
