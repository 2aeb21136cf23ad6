import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

import { toLocalInput } from '../../lib/fleet/replay-moments';

/** The fleet page's time control, as a person uses it. */
export class TimeControlPage {
  readonly root: Locator;
  readonly mode: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByRole('group', { name: 'Time travel' });
    this.mode = page.getByTestId('time-mode');
  }

  /**
   * Picks a moment in the date-time input and goes there; resolves once the scene is drawn. A moment
   * typed while the page still hydrates is lost (Go stays disabled), so it is typed again until taken.
   */
  async pick(at: number): Promise<void> {
    const go = this.root.getByRole('button', { name: 'Go', exact: true });
    await expect(async () => {
      await this.root.getByLabel('Moment').fill(toLocalInput(at));
      await expect(go).toBeEnabled({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    const scene = this.page.waitForResponse((response) => response.url().includes('/api/fleet/replay?at=') && response.ok());
    await this.root.getByRole('button', { name: 'Go', exact: true }).click();
    await scene;
  }

  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }
}
