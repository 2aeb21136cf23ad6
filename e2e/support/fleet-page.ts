import type { Locator, Page } from '@playwright/test';

/** The Fleet page as a person sees it: the page object the browser tests speak through. */
export class FleetPage {
  readonly connection: Locator;
  readonly vehicleList: Locator;
  readonly totalKpi: Locator;
  readonly freshness: Locator;
  readonly connectionLostBanner: Locator;
  readonly map: Locator;
  readonly search: Locator;
  readonly detail: Locator;
  readonly charts: Locator;

  constructor(private readonly page: Page) {
    this.connection = page.getByTestId('connection-state');
    this.vehicleList = page.getByRole('table', { name: 'Vehicles' });
    this.totalKpi = page.getByTestId('kpi-total');
    this.freshness = page.getByTestId('freshness');
    this.connectionLostBanner = page.getByRole('alert').filter({ hasText: 'live connection is down' });
    this.map = page.getByTestId('fleet-map');
    this.search = page.getByRole('searchbox', { name: 'Search vehicles by id, plate or driver' });
    this.detail = page.getByTestId('vehicle-detail');
    this.charts = page.getByTestId('vehicle-charts');
  }

  async open(baseUrl: string, vehicleId?: string): Promise<void> {
    await this.page.goto(`${baseUrl}/fleet${vehicleId ? `?vehicle=${encodeURIComponent(vehicleId)}` : ''}`);
  }

  rows(): Locator {
    return this.vehicleList.locator('[data-vehicle-id]');
  }

  row(vehicleId: string): Locator {
    return this.vehicleList.locator(`[data-vehicle-id="${vehicleId}"]`);
  }

  /** A row's cell by column position (0: id, 1: plate, 3: status, 4: data freshness). */
  cell(vehicleId: string, column: number): Locator {
    return this.row(vehicleId).getByRole('cell').nth(column);
  }

  /** The visible rows' text: it changes whenever a shown vehicle reports. */
  async visibleRowsText(): Promise<string> {
    return (await this.rows().allInnerTexts()).join('\n');
  }

  /** Time of the newest point in the detail charts (epoch ms), 0 before any. */
  async lastChartPointAt(): Promise<number> {
    return Number((await this.charts.getAttribute('data-last-ts')) || 0);
  }
}
