import { expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { signInAs } from './support/sign-in-page';

test('when the server restarts under the page it shows reconnecting, then goes live again without a reload', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.connection).toHaveAttribute('data-state', 'live');
  await expect(fleet.rows().first()).toBeVisible({ timeout: 30_000 });
  // A marker on the window survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { reloadMarker: string }).reloadMarker = 'still-here'));

  await stack.stopBff();
  await expect(fleet.connection).toHaveAttribute('data-state', /reconnecting|offline/, { timeout: 10_000 });
  await expect(fleet.connectionLostBanner).toBeVisible();

  await stack.startBff();
  await expect(fleet.connection).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(fleet.connectionLostBanner).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { reloadMarker?: string }).reloadMarker)).toBe('still-here');
  const after = await fleet.visibleRowsText();
  await expect.poll(() => fleet.visibleRowsText(), { timeout: 15_000 }).not.toBe(after);
});
