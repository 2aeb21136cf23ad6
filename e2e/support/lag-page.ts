import type { Locator, Page } from '@playwright/test';

/** The consumer lag pages as a person sees them: the page object the browser tests speak through. */
export class LagPage {
  readonly connection: Locator;
  readonly groups: Locator;
  readonly filter: Locator;
  readonly partitions: Locator;
  readonly members: Locator;
  readonly trend: Locator;
  readonly showOwnGroups: Locator;

  constructor(private readonly page: Page) {
    this.connection = page.getByTestId('connection-state');
    this.groups = page.getByRole('table', { name: 'Consumer groups' });
    this.filter = page.getByLabel('Filter by group or topic');
    this.partitions = page.getByRole('table', { name: 'Partitions' });
    this.members = page.getByRole('table', { name: 'Members' });
    this.trend = page.getByTestId('lag-trend');
    this.showOwnGroups = page.getByLabel(/show the dashboard's own groups/);
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/lag`);
  }

  groupRow(groupId: string): Locator {
    return this.groups.locator(`tr[data-group-id="${groupId}"]`);
  }

  async openGroup(groupId: string): Promise<void> {
    await this.groupRow(groupId).getByRole('link', { name: groupId }).click();
  }

  partitionRows(): Locator {
    return this.partitions.getByTestId('partition-row');
  }

  /** The group page's own status badge (next to its title). */
  groupStatus(): Locator {
    return this.page.locator('.view-header [data-status]');
  }

  groupTitle(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
}
