import { expect, test } from './support/fixtures';
import { LagPage } from './support/lag-page';
import { signInAs } from './support/sign-in-page';

const ARCHIVER = 'demo.telemetry-archiver';

test('the platform team finds the demo archiver in the groups table, opens it and sees its partitions', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'platform', '/lag');
  const lag = new LagPage(page);
  await lag.open(stack.url);

  await expect(lag.connection).toHaveAttribute('data-state', 'live');
  await expect(lag.groupRow(ARCHIVER)).toBeVisible({ timeout: 60_000 });
  // The dashboard's own groups are listed and marked.
  await expect(lag.groups.locator('tr[data-group-id^="bff."]').first()).toContainText('dashboard');

  await lag.filter.fill('archiver');
  await expect(lag.groups.locator('tbody tr')).toHaveCount(1);

  await lag.openGroup(ARCHIVER);
  await expect(page).toHaveURL(/\/lag\/demo\.telemetry-archiver$/);
  await expect(lag.groupTitle()).toHaveText(ARCHIVER);
  // fleet.telemetry.raw has one row per partition, each with its committed offset (or "no commit") and lag.
  await expect(lag.partitionRows().first()).toBeVisible({ timeout: 30_000 });
  const rows = await lag.partitionRows().count();
  expect(rows).toBeGreaterThan(0);
  await expect(lag.partitionRows().first()).toContainText('fleet.telemetry.raw');
  await expect(lag.members).toContainText('fleet.telemetry.raw [');
  await expect(lag.trend).toBeVisible();
});
