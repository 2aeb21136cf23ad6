import { expect, test } from './support/fixtures';
import { LagPage } from './support/lag-page';
import { startScenario } from './support/scenario';
import { signInAs } from './support/sign-in-page';

const ARCHIVER = 'demo.telemetry-archiver';

test('the platform team finds the demo archiver in the groups table, opens it and sees its partitions', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'platform', '/lag');
  const lag = new LagPage(page);
  await lag.open(stack.url);

  await expect(lag.connection).toHaveAttribute('data-state', 'live');
  await expect(lag.groupRow(ARCHIVER)).toBeVisible({ timeout: 60_000 });
  // The lag list hides bff. groups by default; the toggle shows them, marked and listed after every other group.
  await expect(lag.groups.locator('tr[data-group-id^="bff."]')).toHaveCount(0);
  await lag.showOwnGroups.check();
  await expect(lag.groups.locator('tr[data-group-id^="bff."]').first()).toContainText('dashboard');
  const order = await lag.groups.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-group-id')?.startsWith('bff.') ?? false));
  expect(order.indexOf(true)).toBeGreaterThan(0);
  expect(order.slice(order.indexOf(true)).every(Boolean)).toBe(true);
  await lag.showOwnGroups.uncheck();

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
  // The trend's span is what it really covers (minutes since this stack started, not "an hour"), its axes named.
  await expect(lag.trend.getByRole('heading')).toHaveText(/^Trend \(last \d+ (s|min), one point per poll\)$/, { timeout: 30_000 });
  await expect(lag.trend.getByText('Total lag (messages)', { exact: true }).last()).toBeVisible();
  await expect(lag.trend.getByText('Time of poll (local)')).toBeVisible();
  // The group's alerts are one click away.
  await expect(page.getByTestId('group-alerts-link')).toHaveAttribute('href', `/alerts?group=${ARCHIVER}`);

  // A stalled archiver: the status says which rule matched, in words, with the thresholds it used.
  await startScenario('stalled-consumer', { durationS: 60 });
  try {
    await expect(lag.groupStatus()).toHaveAttribute('data-status', /^(stalled|stopped)$/, { timeout: 40_000 });
    await expect(page.getByTestId('status-reason').first()).toHaveText(
      /^fleet\.telemetry\.raw-\d+: no commit for \d+ s while lag waits; (stalled|stopped) after \d+ s \(.+\)/,
    );
    // "ts" and "interp." are explained where lag in seconds shows.
    await expect(page.getByTestId('lag-method-note')).toContainText('ts = measured');
  } finally {
    await startScenario('stop');
  }
});
