import type { Locator, Page } from '@playwright/test';

/** The alert inbox as a person sees it. */
export class AlertsPage {
  readonly navCount: Locator;
  readonly cue: Locator;
  readonly list: Locator;
  readonly detail: Locator;

  constructor(private readonly page: Page) {
    this.navCount = page.getByTestId('open-alerts-count');
    this.cue = page.getByTestId('arrival-cue');
    this.list = page.getByTestId('alert-list');
    this.detail = page.getByTestId('alert-detail');
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/alerts`);
  }

  row(alertId: string): Locator {
    return this.page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`);
  }

  /** The first row of an engine-temperature alert, however it arrived. */
  engineAlertRows(): Locator {
    return this.page.getByTestId('alert-row').filter({ hasText: 'Engine temperature' });
  }

  async act(name: 'Acknowledge' | 'Resolve'): Promise<void> {
    await this.detail.getByRole('button', { name, exact: true }).click();
  }
}
