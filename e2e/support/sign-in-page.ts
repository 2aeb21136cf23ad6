import type { Page } from '@playwright/test';

import type { Role } from '../../lib/auth/roles';

/** Signs in through the form, as a person would, with the demo account of a role. */
export async function signInAs(page: Page, baseUrl: string, role: Role, callbackPath = '/'): Promise<void> {
  await page.goto(`${baseUrl}/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByLabel('Username').fill(role);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}
