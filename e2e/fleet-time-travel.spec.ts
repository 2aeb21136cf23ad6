import type { AlertsResponse } from '../lib/api/alerts';
import type { ReplayScene, ReplaySteps } from '../lib/contracts/replay';
import { toLocalInput } from '../lib/fleet/replay-moments';
import { formatNumber } from '../lib/format';

import { expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { startScenario } from './support/scenario';
import { signInAs } from './support/sign-in-page';
import { TimeControlPage } from './support/time-travel';

/** Columns of a list row: 6 engine temperature, 9 open alerts. */
const ENGINE = 6;
const ALERTS = 9;
const TARGET = 'cab-0003';

test.afterEach(async () => {
  await startScenario('stop');
});

test('time travel: a moment inside an overheat shows the vehicle with its open alert and the temperature then, a moment before it none, and a shared link the same scene', async ({
  page,
  browser,
  stack,
}) => {
  await stack.waitForLog(/listening for scenario commands/);
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url, TARGET);
  await expect(fleet.row(TARGET)).toBeVisible({ timeout: 30_000 });
  const before = Date.now() - 1_000;

  const command = await startScenario('overheat', { target: TARGET, durationS: 45 });
  const firing = async () =>
    ((await (await page.request.get(`${stack.url}/api/alerts`)).json()) as AlertsResponse).alerts.find(
      (view) => view.alert.kind === 'anomaly' && view.alert.vehicleId === TARGET && view.alert.state === 'firing' && view.firstDetectedAt >= command.issuedAt,
    )?.firstDetectedAt;
  await expect.poll(firing, { timeout: 60_000 }).toBeGreaterThan(0);
  // A whole second inside the alert, and already written to Kafka.
  const inside = Math.ceil(((await firing()) ?? 0) / 1_000) * 1_000 + 2_000;
  await expect.poll(() => Date.now(), { timeout: 10_000 }).toBeGreaterThan(inside + 1_000);
  const expected = ((await (await page.request.get(`${stack.url}/api/fleet/replay?at=${new Date(inside).toISOString()}`)).json()) as ReplayScene).vehicles.find(
    (v) => v.vehicleId === TARGET,
  );

  const time = new TimeControlPage(page);
  await expect(time.mode).toHaveText('Live');
  await fleet.markMap();
  await time.pick(inside);
  await expect(time.mode).toContainText('Showing');
  // The past is drawn on the same map: its streets and camera stay, only the vehicles change.
  expect(await fleet.sameMapAsMarked()).toBe(true);
  await expect(fleet.cell(TARGET, ALERTS)).toHaveText(/^[1-9]/);
  await expect(fleet.detail.locator('dt:text-is("Open alerts") + dd')).toHaveText(/^[1-9]/);
  await expect(fleet.cell(TARGET, ENGINE)).toHaveText(`${formatNumber(expected?.engineTempC ?? NaN, 1)} °C`);
  expect(page.url()).toContain(`at=${encodeURIComponent(new Date(inside).toISOString())}`);
  const shared = page.url();

  await time.pick(Math.floor(before / 1_000) * 1_000);
  await expect(fleet.cell(TARGET, ALERTS)).toHaveText('');
  // Hotter inside the overheat than before it.
  const cooler = Number.parseFloat((await fleet.cell(TARGET, ENGINE).textContent()) ?? '');
  expect(expected?.engineTempC ?? 0).toBeGreaterThan(cooler + 5);

  // The link someone shares opens the same moment, with the same mark.
  const other = await browser.newPage();
  await signInAs(other, stack.url, 'fleet');
  await other.goto(shared);
  const otherFleet = new FleetPage(other);
  await expect(new TimeControlPage(other).mode).toContainText('Showing');
  await expect(otherFleet.cell(TARGET, ALERTS)).toHaveText(/^[1-9]/);
  await expect(otherFleet.cell(TARGET, ENGINE)).toHaveText(`${formatNumber(expected?.engineTempC ?? NaN, 1)} °C`);

  await time.button('Back to live').click();
  await expect(time.mode).toHaveText('Live');
  expect(page.url()).not.toContain('at=');
  expect(await fleet.sameMapAsMarked()).toBe(true);
  await other.close();
});

test('time travel: a moment before any data says that no vehicle had reported by then, not that the simulator is down', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  await page.goto(`${stack.url}/fleet`);
  const time = new TimeControlPage(page);
  await expect(time.mode).toHaveText('Live');
  await time.button('Start of retention').click();
  await expect(time.mode).toContainText('Showing');
  await expect(page.getByText('No vehicle had reported by this moment')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Is the simulator or your producer running?')).toHaveCount(0);
});

test('time travel: playing at 60× runs through the history from the fleet snapshots and stops at the present, one click from live', async ({ page, stack }) => {
  // Up to two minutes for that history on a fresh stack, then the playback.
  test.setTimeout(240_000);
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  // The live list drawn: the page is interactive, so the moment typed in next is taken.
  await expect(fleet.rows().first()).toBeVisible({ timeout: 30_000 });
  const sceneAt = async (at: number) =>
    (await (await page.request.get(`${stack.url}/api/fleet/replay?at=${new Date(at).toISOString()}`)).json()) as ReplayScene;
  // History with snapshots for a minute and more (the stack may have just started): 60× plays it in about a second.
  await expect.poll(async () => (await sceneAt(Date.now() - 80_000)).snapshotAt !== undefined, { timeout: 120_000 }).toBe(true);
  const start = Math.floor((Date.now() - 70_000) / 1_000) * 1_000;
  const time = new TimeControlPage(page);
  await time.pick(start);
  await expect(fleet.rows().first()).toBeVisible();
  await time.root.getByLabel('Speed').selectOption('60');
  const servedFromSnapshots = page.waitForResponse(
    async (response) =>
      response.url().includes('/api/fleet/replay/steps') &&
      response.ok() &&
      ((await response.json()) as ReplaySteps).steps.some((step) => step.vehicles.some((vehicle) => vehicle.positionSince !== undefined)),
  );
  await time.button('Play').click();
  await servedFromSnapshots;
  // Caught up with the present: playback stops there and keeps the moment in the link.
  await expect(time.button('Play')).toBeVisible({ timeout: 30_000 });
  await expect(time.mode).toContainText('Showing');
  const reached = Date.parse(new URL(page.url()).searchParams.get('at') ?? '');
  expect(reached).toBeGreaterThan(start + 60_000);
  await expect(fleet.rows().first()).toBeVisible();
  await time.button('Back to live').click();
  await expect(time.mode).toHaveText('Live');
});

test('time travel: with the server out of reach, playback pauses on the moment shown and says why; a moment that cannot be read shows no other fleet', async ({
  page,
  stack,
}) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.rows().first()).toBeVisible({ timeout: 30_000 });
  // A moment the fleet had reported by, already in Kafka (the stack may have just started).
  const moment = Math.ceil(Date.now() / 1_000) * 1_000;
  await expect.poll(() => Date.now(), { timeout: 10_000 }).toBeGreaterThan(moment + 2_000);
  const time = new TimeControlPage(page);
  await time.pick(moment);
  await expect(fleet.rows().first()).toBeVisible();

  // The browser sees what it would with the BFF gone: no answer at all.
  const unreachable = (path: string) =>
    page.route(
      (url) => url.pathname === path,
      (route) => route.abort('connectionrefused'),
    );
  await unreachable('/api/fleet/replay/steps');
  await time.button('Play').click();
  const alert = time.root.getByRole('alert');
  await expect(alert).toHaveText(/^Playback paused\. The server cannot be reached/);
  await expect(page.getByText('Failed to fetch')).toHaveCount(0);
  await expect(time.button('Play')).toBeEnabled();
  await expect(fleet.rows().first()).toBeVisible();

  // Back in reach: Play goes on from the moment shown.
  await page.unrouteAll();
  await time.button('Play').click();
  await expect(alert).toHaveCount(0);
  await expect(time.button('Pause')).toBeVisible();
  await time.button('Pause').click();

  await unreachable('/api/fleet/replay');
  await time.root.getByLabel('Moment').fill(toLocalInput(Date.now() - 40_000));
  await time.button('Go').click();
  await expect(alert).toHaveText(/^The server cannot be reached/);
  await expect(page.getByText('The fleet at this moment could not be read')).toBeVisible();
  // Nothing is coming for it: dashes, not placeholders that read as loading.
  await expect(fleet.totalKpi).toHaveText('—');
  await expect(fleet.rows()).toHaveCount(0);
  await expect(time.button('Play')).toBeDisabled();
  await time.button('Back to live').click();
  await expect(time.mode).toHaveText('Live');
  await expect(fleet.rows().first()).toBeVisible();
});
