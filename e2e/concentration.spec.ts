import { Kafka, logLevel } from 'kafkajs';

import { sendScenario } from '../test/support/scenario';

import { ConcentrationPage } from './support/concentration-page';
import { expect, test } from './support/fixtures';
import { signInAs } from './support/sign-in-page';

const CAMPUS_ZONES = 12;

test('the security desk sees the crowded zone coloured on the plan and first in the ranking, and splits its guards', async ({ page, stack }) => {
  const brokers = process.env.E2E_KAFKA_BROKERS ?? '';
  await stack.waitForLog(/listening for scenario commands/);
  // The campus follows the local clock (empty at night): a crowd makes the picture the same at any hour.
  await sendScenario(new Kafka({ clientId: 'e2e-scenario', brokers: [brokers], logLevel: logLevel.NOTHING }), 'crowd', { target: 'main-hall', durationS: 600 });

  await signInAs(page, stack.url, 'security', '/concentration');
  const concentration = new ConcentrationPage(page);
  await concentration.open(stack.url);

  await expect(concentration.connection).toHaveAttribute('data-state', 'live');
  await expect(concentration.plan.locator('[data-zone-id]')).toHaveCount(CAMPUS_ZONES, { timeout: 60_000 });
  await expect(concentration.zoneOnPlan('main-hall')).toHaveAttribute('data-level', /^(moderate|busy|high|over|crush)$/, { timeout: 60_000 });
  await expect(concentration.rankedZones().first()).toHaveAttribute('data-zone-id', 'main-hall');
  await expect(concentration.nextReport).toContainText(/Next report (in \d\d:\d\d|any moment)/);

  // The guards box starts with a sensible number, so the split and its reasoning show at once.
  await expect(concentration.guardInput).toHaveValue('10');
  await expect(concentration.allocationTotal).toHaveText('10');
  await expect(concentration.reasoning).toContainText(/share of the [\d,]+ people now × 10 guards/);
  // Ordered by guards, then people.
  const split = await concentration.allocation
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [Number(row.querySelector('[data-testid^="guards-"]')?.textContent), Number(row.children[1]?.textContent?.replace(/,/g, ''))]),
    );
  expect(split).toEqual([...split].sort((a, b) => (b[0] ?? 0) - (a[0] ?? 0) || (b[1] ?? 0) - (a[1] ?? 0)));
  // People and Sightings are explained; the colour scale has eight steps; no zone name sticks out of its zone.
  await expect(concentration.terms).toContainText('People: distinct badges');
  await expect(concentration.terms).toContainText('Sightings: every time a sensor saw a badge');
  await expect(concentration.legendSwatches).toHaveCount(8);
  expect(await concentration.namesOutsideTheirZones()).toEqual([]);

  await concentration.sendGuards(10);
  await expect(concentration.allocationTotal).toHaveText('10');
  const hallGuards = Number(await concentration.guardsFor('main-hall').innerText());
  // The crowded hall holds the most people, so it gets the most guards (the split itself is unit-tested).
  expect(hallGuards).toBeGreaterThan(0);
  const others = await concentration.allocation.locator('tbody [data-testid^="guards-"]').allInnerTexts();
  expect(others.map(Number).every((guards) => guards <= hallGuards)).toBe(true);
});
