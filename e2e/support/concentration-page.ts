import type { Locator, Page } from '@playwright/test';

/** The Concentration page as a person sees it: the page object the browser tests speak through. */
export class ConcentrationPage {
  readonly connection: Locator;
  readonly plan: Locator;
  readonly rankedList: Locator;
  readonly guardInput: Locator;
  readonly allocation: Locator;
  readonly allocationTotal: Locator;
  readonly nextReport: Locator;

  constructor(private readonly page: Page) {
    this.connection = page.getByTestId('connection-state');
    this.plan = page.getByRole('group', { name: 'Campus plan' });
    this.rankedList = page.getByRole('list', { name: 'Most concentrated zones' });
    this.guardInput = page.getByLabel('Guards available');
    this.allocation = page.getByRole('table', { name: 'Guard allocation' });
    this.allocationTotal = page.getByTestId('guards-total');
    this.nextReport = page.getByTestId('next-report');
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/concentration`);
  }

  zoneOnPlan(zoneId: string): Locator {
    return this.plan.locator(`[data-zone-id="${zoneId}"]`);
  }

  rankedZones(): Locator {
    return this.rankedList.locator('[data-zone-id]');
  }

  guardsFor(zoneId: string): Locator {
    return this.page.getByTestId(`guards-${zoneId}`);
  }

  async sendGuards(count: number): Promise<void> {
    await this.guardInput.fill(String(count));
  }
}
