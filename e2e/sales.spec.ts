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

test('sales amounts carry a currency, the chart has axis titles, a legend and the open minute labelled partial, and no column is clipped at 1280 px', async ({
  page,
  stack,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, stack.url, 'admin');
  const sales = new SalesPage(page);
  await sales.open(stack.url);
  await expect(sales.chart).toHaveAttribute('data-latest-minute', /^\d{4}-/, { timeout: 45_000 });

  // SALES_CURRENCY defaults to USD: every amount says so.
  await expect(page.getByTestId('kpi-open')).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(sales.bookstoreRows().first().locator('td.num').first()).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(sales.byCity.locator('tbody tr td.num').first()).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(sales.chart.locator('figcaption')).toContainText('(USD)');
  await expect(sales.chart.getByText('Revenue (USD)')).toBeVisible();
  await expect(sales.chart.getByText('Minute (local time)')).toBeVisible();
  await expect(sales.legend).toContainText('Open minute: partial, still counting');
  await expect(sales.legend).toContainText('No data: gap, not zero sales');

  // The minute still counting is labelled as partial on the chart and in the KPI.
  await expect(sales.chart).toHaveAttribute('data-latest-final', 'false', { timeout: 30_000 });
  await expect(sales.chart.getByText('partial', { exact: true }).last()).toBeVisible();
  await expect(page.getByText('Open minute so far (partial)')).toBeVisible();

  // Every table shows all its columns: nothing scrolls sideways or is cut at this width.
  for (const table of [sales.topBookstores, sales.byCity, sales.byState, sales.byGenre]) {
    expect(await table.evaluate((element) => (element.parentElement?.scrollWidth ?? 0) - (element.parentElement?.clientWidth ?? 0))).toBeLessThanOrEqual(1);
  }
  await expect(sales.chart).toHaveAttribute('data-latest-minute', /^\d{4}-/);
  expect(await sales.bookstoreRows().count()).toBeGreaterThan(0);
});
