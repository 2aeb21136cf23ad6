import type { Locator, Page } from '@playwright/test';

/** The Fleet page as a person sees it: the page object the browser tests speak through. */
export class FleetPage {
  readonly connection: Locator;
  readonly vehicleList: Locator;
  readonly totalKpi: Locator;
  readonly freshness: Locator;
  readonly connectionLostBanner: Locator;

  constructor(private readonly page: Page) {
    this.connection = page.getByTestId('connection-state');
    this.vehicleList = page.getByRole('table', { name: 'Vehicles' });
    this.totalKpi = page.getByTestId('kpi-total');
    this.freshness = page.getByTestId('freshness');
    this.connectionLostBanner = page.getByRole('alert').filter({ hasText: 'live connection is down' });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/fleet`);
  }

  rows(): Locator {
    return this.vehicleList.locator('[data-vehicle-id]');
  }

  /** The visible rows' text: it changes whenever a shown vehicle reports. */
  async visibleRowsText(): Promise<string> {
    return (await this.rows().allInnerTexts()).join('\n');
  }
}
