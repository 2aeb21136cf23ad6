import { expect, test } from './support/fixtures';
import { SalesPage } from './support/sales-page';
import { signInAs } from './support/sign-in-page';

test('the sales page draws revenue per minute live and fills the top bookstores', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'admin');
  const sales = new SalesPage(page);
  await sales.open(stack.url);

  await expect(sales.connection).toHaveAttribute('data-state', 'live');
  await expect(sales.chart).toHaveAttribute('data-latest-minute', /^\d{4}-/, { timeout: 45_000 });
  await expect(sales.bookstoreRows().first()).toBeVisible();
  await expect(sales.bookstoreRows().first().getByRole('img')).toBeVisible();
  await expect(sales.byCity.locator('tbody tr').first()).toBeVisible();
  await expect(sales.byGenre.locator('tbody tr').first()).toBeVisible();

  // The open minute grows as purchases arrive (or the next minute opens): the socket patches the chart without a reload.
  const before = await sales.latestMinute();
  await expect.poll(() => sales.latestMinute(), { timeout: 30_000 }).not.toEqual(before);

  // A reload shows the same history, served by the BFF: the oldest minute is still there, with no less revenue.
  const history = await sales.firstMinute();
  await sales.reload();
  await expect(sales.chart).toHaveAttribute('data-first-minute', history.minute);
  expect((await sales.firstMinute()).revenue).toBeGreaterThanOrEqual(history.revenue);

  await sales.chooseRange('15 min');
  await expect(sales.chart).toHaveAttribute('data-latest-minute', /^\d{4}-/);
  expect(await sales.bookstoreRows().count()).toBeGreaterThan(0);
});
