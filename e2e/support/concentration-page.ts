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
  readonly reasoning: Locator;
  readonly terms: Locator;
  readonly legendSwatches: Locator;

  constructor(private readonly page: Page) {
    this.connection = page.getByTestId('connection-state');
    this.plan = page.getByRole('group', { name: 'Campus plan' });
    this.rankedList = page.getByRole('list', { name: 'Most concentrated zones' });
    this.guardInput = page.getByLabel('Guards available');
    this.allocation = page.getByRole('table', { name: 'Guard allocation' });
    this.allocationTotal = page.getByTestId('guards-total');
    this.nextReport = page.getByTestId('next-report');
    this.reasoning = page.getByTestId('guards-reasoning');
    this.terms = page.getByTestId('report-terms');
    this.legendSwatches = page.locator('figcaption svg');
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

  /** Zones whose drawn name reaches past their own outline (a clipped or overlapping label). */
  async namesOutsideTheirZones(): Promise<string[]> {
    return this.plan.locator('[data-zone-id]').evaluateAll((zones) =>
      zones.flatMap((zone) => {
        const outline = zone.querySelector('polygon')?.getBoundingClientRect();
        const name = zone.querySelector('text')?.getBoundingClientRect();
        if (!outline || !name) return [];
        const inside =
          name.left >= outline.left - 0.5 && name.right <= outline.right + 0.5 && name.top >= outline.top - 0.5 && name.bottom <= outline.bottom + 0.5;
        return inside ? [] : [zone.getAttribute('data-zone-id') ?? '?'];
      }),
    );
  }

  async sendGuards(count: number): Promise<void> {
    await this.guardInput.fill(String(count));
  }
}
