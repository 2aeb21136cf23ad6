import { readFile } from 'node:fs/promises';

import { TRIP_CSV_HEADER } from '../lib/fleet/trip-export';

import { expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { signInAs } from './support/sign-in-page';
import { TripPage } from './support/trip-page';

test('trip history: from a vehicle, its route on the map with the summary, hover linked both ways, and a CSV with a header and rows', async ({
  page,
  stack,
}) => {
  await test.step('sign in', () => signInAs(page, stack.url, 'fleet'));
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  const vehicleId = await test.step('a moving vehicle', () => fleet.movingVehicle(stack.url));
  await test.step('trip history from the vehicle detail', async () => {
    await fleet.open(stack.url, vehicleId);
    await fleet.detail.getByRole('link', { name: 'Trip history' }).click();
    await page.waitForURL(`**/fleet/vehicles/${vehicleId}/trip`);
  });

  const trip = new TripPage(page);
  await test.step('route drawn', () => expect(trip.map).toHaveAttribute('data-ready', 'true'));
  expect(Number(await trip.map.getAttribute('data-route-points'))).toBeGreaterThan(1);
  await expect(trip.distance).toHaveText(/^\d[\d,]*\.\d km$/);
  await expect.poll(async () => (await trip.drawnRoute()).features).toBeGreaterThan(0);

  // Hovering a chart puts the marker on the route at that time; hovering the route moves the charts' cursor to its time.
  await trip.charts.locator('figure').first().hover();
  await expect(trip.map).not.toHaveAttribute('data-cursor-ts', '');
  const fromChart = await trip.map.getAttribute('data-cursor-ts');
  const { start } = await trip.drawnRoute();
  await trip.hoverMapAt(start ?? { x: 0, y: 0 });
  await expect(trip.charts).not.toHaveAttribute('data-cursor-ts', fromChart ?? '');
  await expect(trip.charts).not.toHaveAttribute('data-cursor-ts', '');

  const [download] = await Promise.all([page.waitForEvent('download'), trip.csv.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^trip-${vehicleId}-.*\\.csv$`));
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toBe(TRIP_CSV_HEADER.join(','));
  expect(lines.length).toBeGreaterThan(2);
  expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,-?\d/);

  await test.step('the period is in the URL: the link reopens the same period; a broken one falls back to the default', async () => {
    await trip.period.getByRole('button', { name: 'Last 1 h' }).click();
    await page.waitForURL(/[?&]from=[^&]+&to=/);
    const [link, shown, csv] = [page.url(), await trip.shownPeriod(), await trip.csv.getAttribute('href')];
    await page.goto(link);
    await expect(trip.csv).toHaveAttribute('href', csv ?? '');
    expect(await trip.shownPeriod()).toEqual(shown);
    await page.goto(`${link.split('?')[0] ?? ''}?from=yesterday&to=2026-13-45`);
    await expect(trip.period.getByLabel('From')).not.toHaveValue('');
    expect(await trip.shownPeriod()).not.toEqual(shown);
  });
});
