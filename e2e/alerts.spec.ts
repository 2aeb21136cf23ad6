import { Kafka, logLevel } from 'kafkajs';

import { sendScenario } from '../test/support/scenario';

import { AlertsPage } from './support/alerts-page';
import { expect, test } from './support/fixtures';
import { signInAs } from './support/sign-in-page';

test('the fleet team sees an overheat alert arrive live, acknowledges and resolves it, and the count in the navigation drops', async ({ page, stack }) => {
  const brokers = process.env.E2E_KAFKA_BROKERS ?? '';
  await stack.waitForLog(/listening for scenario commands/);
  // The anomaly job runs on Flink: stack.start() returns once Flink lists it running.

  await signInAs(page, stack.url, 'fleet', '/alerts');
  const inbox = new AlertsPage(page);
  await inbox.open(stack.url);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  await expect(inbox.navCount).toHaveAttribute('data-count', /^\d+$/);
  const before = Number(await inbox.navCount.getAttribute('data-count'));

  await sendScenario(new Kafka({ clientId: 'e2e-scenario', brokers: [brokers], logLevel: logLevel.NOTHING }), 'overheat', { durationS: 40 });

  // It arrives without a reload: the cue names it and the row appears, the count goes up.
  await expect(inbox.cue).toContainText('Engine temperature', { timeout: 30_000 });
  const row = inbox.engineAlertRows().first();
  await expect(row).toBeVisible();
  await expect(inbox.navCount).toHaveAttribute('data-count', String(before + 1));
  const alertId = (await row.getAttribute('data-alert-id')) ?? '';

  await inbox.row(alertId).click();
  await expect(inbox.detail).toHaveAttribute('data-alert-id', alertId);
  await expect(inbox.detail.getByTestId('alert-chart')).toBeVisible();
  await inbox.act('Acknowledge');
  await expect(inbox.detail.getByTestId('detail-status')).toHaveText('acknowledged');
  await expect(inbox.navCount).toHaveAttribute('data-count', String(before));
  await expect(inbox.detail.getByTestId('audit-trail')).toContainText('fleet: ack');

  await inbox.act('Resolve');
  // Resolved alerts leave the default view (open, acknowledged, snoozed); the count stays down.
  await expect(inbox.row(alertId)).toHaveCount(0);
  await expect(inbox.navCount).toHaveAttribute('data-count', String(before));
  await page.getByRole('checkbox', { name: 'resolved' }).check();
  await expect(inbox.row(alertId)).toHaveAttribute('data-status', 'resolved');
});
