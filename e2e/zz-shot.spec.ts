import { expect, test } from './support/fixtures';
import { signInAs } from './support/sign-in-page';

test('screenshot', async ({ page, stack }) => {
  await page.setViewportSize({ width: 1500, height: 1000 });
  await signInAs(page, stack.url, 'admin', '/alerts');
  await page.goto(`${stack.url}/alerts`);
  await page.getByRole('checkbox', { name: 'resolved' }).check();
  await expect(page.getByTestId('alert-row').first()).toBeVisible();
  await page.getByTestId('alert-row').first().click();
  await page.waitForTimeout(6000);
  await page.screenshot({ path: '/tmp/inbox.png', fullPage: true });
});
