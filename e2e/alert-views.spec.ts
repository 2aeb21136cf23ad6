import { randomUUID } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';

import type { Alert } from '../lib/contracts/alerts';
import { alertSchema } from '../lib/contracts/alerts';
import { TOPICS } from '../lib/contracts/topics';

import { AlertsPage } from './support/alerts-page';
import { expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { startScenario } from './support/scenario';
import { signInAs } from './support/sign-in-page';

/**
 * Issue 18, the inbox's side: what an alert says (items 1, 2, 6), where it leads (7) and how it
 * fits each team (8). The overheat runs through the real simulator and Flink job; the lag and
 * capacity alerts are written to their topics as their producers would, with ids of this run.
 */

async function publish(topic: string, alerts: Alert[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'e2e-alert-views', brokers: [process.env.E2E_KAFKA_BROKERS ?? ''], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: alerts.map((alert) => ({ key: alert.alertId, value: JSON.stringify(alertSchema.parse(alert)) })) });
  } finally {
    await producer.disconnect();
  }
}

function lagAlert(groupId: string, state: 'firing' | 'cleared'): Alert {
  const now = Date.now();
  return {
    alertId: `consumer-lag.${groupId}.e2e`,
    kind: 'consumer-lag',
    team: 'platform',
    groupId,
    metric: 'status:stopped',
    value: 95,
    normal: { min: 0, max: 60 },
    startedAt: now - 60_000,
    detectedAt: now,
    severity: 'critical',
    state,
  };
}

test.afterEach(async () => {
  await startScenario('stop');
});

test('an overheat on a vehicle that parks mid-fault reads "inhibited: ignition off", never "cleared", and resumes as the same alert; its title names the reading and leads to the vehicle', async ({
  page,
  stack,
}) => {
  await stack.waitForLog(/listening for scenario commands/);
  await signInAs(page, stack.url, 'fleet', '/alerts');
  const vehicleId = await new FleetPage(page).movingVehicle(stack.url);
  await page.goto(`${stack.url}/alerts?vehicle=${vehicleId}`);
  const inbox = new AlertsPage(page);
  // The fleet team filters by vehicle, not by zone or group.
  await expect(page.getByRole('search', { name: 'Filter alerts' }).getByText('Vehicle')).toBeVisible();
  await expect(page.getByRole('search', { name: 'Filter alerts' }).getByText('Zone')).toHaveCount(0);

  await startScenario('overheat', { target: vehicleId, durationS: 120 });
  const row = inbox.engineAlertRows().first();
  await expect(row).toHaveAttribute('data-state', 'firing', { timeout: 40_000 });
  const alertId = (await row.getAttribute('data-alert-id')) ?? '';
  await row.click();
  // Item 6: what happened to what, with units, subject first in the list.
  await expect(inbox.detail.getByRole('heading', { level: 2 })).toHaveText(/^Engine temperature 1\d\d(\.\d)? °C on \S+$/);
  await expect(row.getByTestId('alert-row-title')).toHaveText(/^\S+: Engine temperature 1\d\d(\.\d)? °C/);
  await expect(inbox.detail.getByTestId('detail-band')).toHaveText(/^normal up to [\d.]+ °C$/);

  await startScenario('park', { target: vehicleId, durationS: 20 });
  await expect(inbox.detail.getByTestId('detail-condition')).toHaveText('inhibited: ignition off', { timeout: 20_000 });
  await expect(inbox.detail.getByTestId('detector-entry').filter({ hasText: 'inhibited: ignition off' })).toHaveCount(1);
  await expect(inbox.detail.getByTestId('detail-value')).toHaveText(/^1\d\d(\.\d)? °C$/);
  // Parked but still hot: a quiet row, not counted as firing, and never "cleared".
  await expect(row).toHaveAttribute('data-state', 'inhibited');

  // The ignition comes back on with the engine still at ~120 °C: the same alert fires again.
  await expect(inbox.detail.getByTestId('detail-condition')).toHaveText('firing', { timeout: 40_000 });
  await expect(inbox.detail).toHaveAttribute('data-alert-id', alertId);
  await expect(inbox.detail.getByTestId('detector-entry').filter({ hasText: 'cleared' })).toHaveCount(0);

  // Item 7: the alert leads to its vehicle, detail open.
  await inbox.detail.getByTestId('subject-link').click();
  await expect(page).toHaveURL(new RegExp(`/fleet\\?vehicle=${vehicleId}`));
  await expect(new FleetPage(page).detail).toBeVisible();
});

test('the platform team sees firing alerts stand out and cleared ones quieter, counts only the firing one, gets group filters, can undo the a key, and sees the median fill in', async ({
  page,
  stack,
}) => {
  const run = randomUUID().slice(0, 8);
  const stopped = `e2e-${run}.stopped`;
  const recovered = `e2e-${run}.recovered`;
  await signInAs(page, stack.url, 'platform', '/alerts');
  const inbox = new AlertsPage(page);
  await expect(inbox.navCount).toHaveAttribute('data-count', /^\d+$/);
  const before = Number(await inbox.navCount.getAttribute('data-count'));
  const acknowledgedBefore = Number(
    ((await page.getByTestId('team-times-platform').getByTestId('time-to-acknowledge').getAttribute('title')) ?? '0').split(' ')[0],
  );

  await publish(TOPICS.lagAlerts, [lagAlert(stopped, 'firing'), lagAlert(recovered, 'firing'), lagAlert(recovered, 'cleared')]);
  const firing = inbox.row(`consumer-lag.${stopped}.e2e`);
  const cleared = inbox.row(`consumer-lag.${recovered}.e2e`);
  await expect(firing).toHaveAttribute('data-state', 'firing');
  await expect(cleared).toHaveAttribute('data-state', 'cleared');
  // Item 2: only the firing, unacknowledged one counts; the cleared one is drawn quieter.
  await expect(inbox.navCount).toHaveAttribute('data-count', String(before + 1));
  expect(Number(await cleared.evaluate((element) => getComputedStyle(element).opacity))).toBeLessThan(1);
  expect(Number(await firing.evaluate((element) => getComputedStyle(element).opacity))).toBe(1);
  // Item 6: the group first, what happened after.
  await expect(firing.getByTestId('alert-row-title')).toHaveText(`Consumer group ${stopped} stopped`);

  // Item 8: groups for the platform team, in the filters and the silence form; no vehicles.
  const filters = page.getByRole('search', { name: 'Filter alerts' });
  await expect(filters.getByText('Consumer group')).toBeVisible();
  await expect(filters.getByText('Vehicle')).toHaveCount(0);
  const silenceForm = page.getByRole('form', { name: 'New silence' });
  await expect(silenceForm.getByText('Consumer group')).toBeVisible();
  await expect(silenceForm.getByText('Vehicle')).toHaveCount(0);

  // A skip link reaches the list.
  await page.getByRole('link', { name: 'Skip to the alert list' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#alert-list')).toBeFocused();

  // Item 7: ?group= opens the inbox on that group; the alert leads to the group's page.
  await page.goto(`${stack.url}/alerts?group=${stopped}`);
  await expect(page.getByTestId('alert-row')).toHaveCount(1);
  await expect(inbox.detail.getByTestId('subject-link')).toHaveAttribute('href', `/lag/${stopped}`);
  await expect(inbox.detail.getByRole('button', { name: 'Reopen', exact: true })).toBeDisabled();

  // The a key waits with an Undo; undone, nothing is sent.
  await page.locator('body').press('a');
  await page.getByTestId('undo-ack').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('undo-ack')).toHaveCount(0);
  await page.waitForTimeout(6_000);
  await expect(inbox.detail.getByTestId('detail-status')).toHaveText('open');
  // Not undone, it is sent after the delay; Acknowledge no longer applies, and the median counts it.
  await page.locator('body').press('a');
  await expect(page.getByTestId('undo-ack')).toBeVisible();
  await expect(inbox.detail.getByTestId('detail-status')).toHaveText('acknowledged', { timeout: 15_000 });
  await expect(inbox.detail.getByRole('button', { name: 'Acknowledge', exact: true })).toBeDisabled();
  await expect(page.getByTestId('team-times-platform').getByTestId('time-to-acknowledge')).toHaveAttribute('title', `${acknowledgedBefore + 1} acknowledged`);
  await expect(page.getByTestId('team-times-platform').getByTestId('time-to-acknowledge')).not.toHaveText('—');
});

test('the security desk filters and silences by zone, and a zone alert reads "Main hall over capacity: 563 of 500" and leads to the zone', async ({
  page,
  stack,
}) => {
  const now = Date.now();
  const alertId = `capacity.main-hall.e2e-${randomUUID().slice(0, 8)}`;
  await publish(TOPICS.zoneAlerts, [
    {
      alertId,
      kind: 'capacity',
      team: 'security',
      zoneId: 'main-hall',
      metric: 'occupancy',
      value: 563,
      normal: { min: 0, max: 450 },
      startedAt: now - 30_000,
      detectedAt: now,
      severity: 'critical',
      state: 'firing',
    },
  ]);
  await signInAs(page, stack.url, 'security', `/alerts?zone=main-hall`);
  const inbox = new AlertsPage(page);
  await inbox.row(alertId).click();
  await expect(inbox.detail.getByRole('heading', { level: 2 })).toHaveText('Main hall over capacity: 563 of 500');
  await expect(inbox.detail.getByTestId('detail-band')).toHaveText('normal up to 450 people');
  await expect(inbox.detail.getByTestId('subject-link')).toHaveAttribute('href', '/concentration?zone=main-hall');
  const filters = page.getByRole('search', { name: 'Filter alerts' });
  await expect(filters.getByRole('combobox', { name: 'Zone' })).toHaveValue('main-hall');
  await expect(filters.getByText('Vehicle')).toHaveCount(0);
  const silenceForm = page.getByRole('form', { name: 'New silence' });
  await expect(silenceForm.getByRole('combobox', { name: 'Zone' }).getByRole('option', { name: 'Main hall' })).toHaveCount(1);
  await expect(silenceForm.getByText('Vehicle')).toHaveCount(0);
});
