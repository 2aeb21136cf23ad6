import fs from 'node:fs';
import path from 'node:path';

import type { Page } from '@playwright/test';

import { expect, test } from './support/fixtures';
import { startScenario } from './support/scenario';
import { signInAs } from './support/sign-in-page';

/**
 * Issue 18's layout check, by hand: every view at 1280, 1440 and 1920 px, a full-page screenshot
 * each plus a list of what overflows, in .data/screenshots (gitignored). Not part of the suite
 * (it asserts nothing a person decides): run with E2E_SCREENSHOTS=1 and look at the pictures;
 * E2E_SCREENSHOTS=sales,concentration takes only those views.
 */
const WIDTHS = [1280, 1440, 1920];
// An overheat runs on this vehicle, so the fleet, the inbox and the alert detail show trouble.
const TROUBLE = 'tanker-0001';
// Fleet and alert views last, so the overheat has fired by then.
const VIEWS = [
  { name: 'sales', path: '/sales', ready: '[data-testid="revenue-chart"]' },
  { name: 'lag', path: '/lag', ready: 'table[aria-label="Consumer groups"]' },
  { name: 'lag-group', path: '/lag/demo.telemetry-archiver', ready: '[data-testid="lag-trend"]' },
  { name: 'concentration', path: '/concentration', ready: 'table[aria-label="Guard allocation"]' },
  { name: 'fleet', path: '/fleet', ready: '[data-testid="connection-state"][data-state="live"]' },
  { name: 'fleet-vehicle', path: `/fleet?vehicle=${TROUBLE}`, ready: '[data-testid="vehicle-detail"]' },
  { name: 'alert-detail', path: `/alerts?vehicle=${TROUBLE}`, ready: '[data-testid="alert-chart"]' },
  { name: 'alerts', path: '/alerts', ready: '[data-testid="alert-detail"]' },
];
const OUT = '.data/screenshots';
const ONLY = process.env.E2E_SCREENSHOTS && process.env.E2E_SCREENSHOTS !== '1' ? process.env.E2E_SCREENSHOTS.split(',') : undefined;

test.skip(!process.env.E2E_SCREENSHOTS, 'a manual layout check: E2E_SCREENSHOTS=1');

test('every view at 1280, 1440 and 1920 px, with what overflows listed', async ({ page, stack }) => {
  test.setTimeout(600_000);
  fs.mkdirSync(OUT, { recursive: true });
  const findings: Record<string, string[]> = {};
  const shoot = async (name: string) => {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(OUT, `${name}-${width}.png`), fullPage: true });
      findings[`${name}-${width}`] = await overflows(page);
    }
  };
  if (!ONLY || ONLY.includes('login')) {
    await page.goto(`${stack.url}/signin`);
    await expect(page.getByLabel('Username')).toBeVisible();
    await shoot('login');
  }
  await stack.waitForLog(/listening for scenario commands/);
  await startScenario('overheat', { target: TROUBLE, durationS: 300 });
  try {
    await signInAs(page, stack.url, 'admin');
    for (const view of VIEWS.filter((candidate) => !ONLY || ONLY.includes(candidate.name))) {
      await page.goto(`${stack.url}${view.path}`);
      await expect(page.locator(view.ready).first()).toBeVisible({ timeout: 90_000 });
      // Charts and live figures settle.
      await page.waitForTimeout(3_000);
      await shoot(view.name);
    }
  } finally {
    await startScenario('stop');
  }
  fs.writeFileSync(path.join(OUT, `findings${ONLY ? `-${ONLY.join('-')}` : ''}.json`), JSON.stringify(findings, null, 2));
});

/** What is cut or sticks out: the page scrolling sideways, clipped elements, chart text outside its drawing. */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('main *'))) {
      const style = getComputedStyle(element);
      const clips = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      // A long value may end in an ellipsis when its title has it whole (a driver's name, an alert title).
      const whole = element.title !== '' && element.title === (element.textContent ?? '').trim();
      if (clips && !whole && element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0) {
        found.push(
          `${element.tagName.toLowerCase()}.${element.className || '-'} cuts ${element.scrollWidth - element.clientWidth}px: "${(element.textContent ?? '').trim().slice(0, 60)}"`,
        );
      }
    }
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('main svg'))) {
      const box = svg.getBoundingClientRect();
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        const t = text.getBoundingClientRect();
        if (t.width > 0 && (t.left < box.left - 1 || t.right > box.right + 1 || t.top < box.top - 1 || t.bottom > box.bottom + 1))
          found.push(`svg text outside its drawing: "${text.textContent}"`);
      }
    }
    return found;
  });
}
