import type { Locator, Page } from '@playwright/test';

/** The Sales page as a person sees it. */
export class SalesPage {
  readonly connection: Locator;
  readonly chart: Locator;
  readonly topBookstores: Locator;
  readonly byCity: Locator;
  readonly byState: Locator;
  readonly byGenre: Locator;
  readonly legend: Locator;

  constructor(private readonly page: Page) {
    this.connection = page.getByTestId('connection-state');
    this.chart = page.getByTestId('revenue-chart');
    this.topBookstores = page.getByRole('table', { name: 'Top bookstores' });
    this.byCity = page.getByRole('table', { name: 'By city' });
    this.byState = page.getByRole('table', { name: 'By state' });
    this.byGenre = page.getByRole('table', { name: 'By genre' });
    this.legend = this.chart.getByRole('list', { name: 'Legend' });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/sales`);
  }

  async chooseRange(label: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Range' }).getByRole('button', { name: label }).click();
  }

  /** The chart's newest minute and its revenue so far, as the chart draws it. */
  async latestMinute(): Promise<{ minute: string; revenue: string; final: string }> {
    return {
      minute: (await this.chart.getAttribute('data-latest-minute')) ?? '',
      revenue: (await this.chart.getAttribute('data-latest-revenue')) ?? '',
      final: (await this.chart.getAttribute('data-latest-final')) ?? '',
    };
  }

  /** The chart's oldest minute and its revenue: what a reload must show again. */
  async firstMinute(): Promise<{ minute: string; revenue: number }> {
    return { minute: (await this.chart.getAttribute('data-first-minute')) ?? '', revenue: Number(await this.chart.getAttribute('data-first-revenue')) };
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  bookstoreRows(): Locator {
    return this.topBookstores.locator('tbody tr');
  }
}
