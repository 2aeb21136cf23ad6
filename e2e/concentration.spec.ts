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
  await expect(concentration.zoneOnPlan('main-hall')).toHaveAttribute('data-level', /^(moderate|high|over)$/, { timeout: 60_000 });
  await expect(concentration.rankedZones().first()).toHaveAttribute('data-zone-id', 'main-hall');
  await expect(concentration.nextReport).toContainText(/Next report (in \d\d:\d\d|any moment)/);

  await concentration.sendGuards(10);
  await expect(concentration.allocationTotal).toHaveText('10');
  const hallGuards = Number(await concentration.guardsFor('main-hall').innerText());
  // The crowded hall holds the most people, so it gets the most guards (the split itself is unit-tested).
  expect(hallGuards).toBeGreaterThan(0);
  const others = await concentration.allocation.locator('tbody [data-testid^="guards-"]').allInnerTexts();
  expect(others.map(Number).every((guards) => guards <= hallGuards)).toBe(true);
});
