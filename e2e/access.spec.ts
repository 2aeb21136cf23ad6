import { expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { signInAs } from './support/sign-in-page';

test('someone not signed in is sent to the sign-in page', async ({ page, stack }) => {
  await page.goto(`${stack.url}/fleet`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ffleet/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password is refused with a clear message', async ({ page, stack }) => {
  await page.goto(`${stack.url}/signin`);
  await page.getByLabel('Username').fill('fleet');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong username or password' })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test('the fleet team sees the fleet view, and neither sees nor reaches the lag view', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(new FleetPage(page).totalKpi).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Views' });
  await expect(nav.getByRole('link', { name: 'Fleet' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Consumer lag' })).toHaveCount(0);
  await expect(page.getByTestId('signed-in-as')).toHaveText('fleet · fleet');

  await page.goto(`${stack.url}/lag`);
  await expect(page).toHaveURL(/\/forbidden\?from=%2Flag/);
  await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
  await expect(page.getByText('Your role (fleet) does not include Consumer lag.')).toBeVisible();
});

test('pages pass the content security policy: no violation reported while the fleet view runs', async ({ page, stack }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signInAs(page, stack.url, 'fleet');
  const response = await page.goto(`${stack.url}/fleet`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'nonce-");
  await expect(new FleetPage(page).connection).toHaveAttribute('data-state', 'live');
  expect(violations).toEqual([]);
});

test('a sign-in link whose callback names another host lands on this site, not that host', async ({ page, stack }) => {
  // `/\host` is what browsers follow as `//host`: the open redirect of issue 17.
  await page.goto(`${stack.url}/signin?callbackUrl=/%5Cexample.invalid/phish`);
  await page.getByLabel('Username').fill('security');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  expect(new URL(page.url()).origin).toBe(new URL(stack.url).origin);
  await expect(page).toHaveURL(/\/concentration$/);
});
