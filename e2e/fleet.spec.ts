import { E2E_CABS, E2E_TANKERS, expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { signInAs } from './support/sign-in-page';

test('the fleet page shows every live vehicle, and its numbers change over time', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);

  await expect(fleet.connection).toHaveAttribute('data-state', 'live');
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(E2E_CABS + E2E_TANKERS), { timeout: 30_000 });
  await expect(fleet.totalKpi).toHaveText(String(E2E_CABS + E2E_TANKERS));
  await expect(fleet.rows().first()).toBeVisible();
  await expect(fleet.freshness).toContainText(/Newest fix (just now|\d+ s ago)/);

  const before = await fleet.visibleRowsText();
  await expect.poll(() => fleet.visibleRowsText(), { timeout: 15_000 }).not.toBe(before);
});
