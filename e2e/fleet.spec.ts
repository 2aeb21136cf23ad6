import { E2E_CABS, E2E_TANKERS, expect, test } from './support/fixtures';
import { FleetPage } from './support/fleet-page';
import { signInAs } from './support/sign-in-page';

const FLEET_SIZE = E2E_CABS + E2E_TANKERS;

test('the fleet page shows every live vehicle, and its numbers change over time', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);

  await expect(fleet.connection).toHaveAttribute('data-state', 'live');
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });
  await expect(fleet.totalKpi).toHaveText(String(FLEET_SIZE));
  await expect(fleet.rows().first()).toBeVisible();
  await expect(fleet.freshness).toContainText(/Newest fix (just now|\d+ s ago)/);

  const before = await fleet.visibleRowsText();
  await expect.poll(() => fleet.visibleRowsText(), { timeout: 15_000 }).not.toBe(before);
});

test('the map draws as many vehicles as the simulator runs', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);

  await expect(fleet.map).toHaveAttribute('data-drawn-vehicles', String(FLEET_SIZE), { timeout: 30_000 });
  await expect(fleet.map).toHaveAttribute('aria-label', `Fleet map: ${FLEET_SIZE} vehicles in view`);
});

test('typing a plate in the search narrows the list to that vehicle', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });

  const plate = await fleet.cell('tanker-0002', 1).innerText();
  await fleet.search.fill(plate);

  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', '1');
  await expect(fleet.rows()).toHaveCount(1);
  await expect(fleet.rows().first()).toHaveAttribute('data-vehicle-id', 'tanker-0002');
});

test('clicking a vehicle opens its detail, whose charts move forward in time, and the link opens it again', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });

  await fleet.row('tanker-0001').click();
  await expect(fleet.detail).toBeVisible();
  await expect(fleet.detail).toContainText('tanker-0001');
  await expect(page).toHaveURL(/\?vehicle=tanker-0001$/);
  await expect(fleet.charts.getByRole('figure')).toHaveCount(4);
  await expect(fleet.charts.getByRole('figure', { name: 'Container temperature chart' })).toBeVisible();
  await expect.poll(() => fleet.lastChartPointAt(), { timeout: 15_000 }).toBeGreaterThan(0);
  // The vehicle's recent history arrives with the subscription, not only the points from now on.
  await expect.poll(async () => Number(await fleet.charts.getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(10);
  const first = await fleet.lastChartPointAt();
  await expect.poll(() => fleet.lastChartPointAt(), { timeout: 15_000 }).toBeGreaterThan(first);

  await fleet.open(stack.url, 'cab-0002');
  await expect(fleet.detail).toContainText('cab-0002');
  await expect(fleet.charts.getByRole('figure')).toHaveCount(3);
});

test("the base map draws the simulator's streets, and every vehicle lies on a drawn road", async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.map).toHaveAttribute('data-drawn-vehicles', String(FLEET_SIZE), { timeout: 30_000 });
  await expect.poll(async () => (await fleet.mapState()).streetFeatures, { timeout: 15_000 }).toBeGreaterThan(300);

  const { vehicles } = (await (await page.request.get(`${stack.url}/api/fleet/vehicles`)).json()) as {
    vehicles: { vehicleId: string; lat: number; lon: number }[];
  };
  expect(vehicles.length).toBeGreaterThanOrEqual(FLEET_SIZE);
  for (const vehicle of vehicles.slice(0, FLEET_SIZE)) {
    expect((await fleet.mapState(vehicle)).roadsAt, `${vehicle.vehicleId} at ${vehicle.lat},${vehicle.lon} is on a drawn road`).toBeGreaterThan(0);
  }
  // The river is drawn too, and a point in it is water, not road.
  const { features } = (await (await page.request.get(`${stack.url}/api/fleet/streets`)).json()) as {
    features: { properties: { layer: string }; geometry: { coordinates: number[][][] } }[];
  };
  const river = features.find((feature) => feature.properties.layer === 'water');
  // The polygon runs along the south bank west to east, then back along the north bank: [1] and
  // [-3] are the two banks at the westernmost column, and half-way between them is mid-river.
  const [southBank, northBank] = [river!.geometry.coordinates[0]![1]!, river!.geometry.coordinates[0]!.at(-3)!];
  const inRiver = { lon: (southBank[0]! + northBank[0]!) / 2, lat: (southBank[1]! + northBank[1]!) / 2 };
  expect((await fleet.mapState(inRiver)).waterAt).toBeGreaterThan(0);
});

test('following a vehicle keeps it in the centre of the map while it drives', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url);
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });
  const vehicleId = await fleet.movingVehicle(stack.url);

  await fleet.row(vehicleId).click();
  await fleet.mapButton(`Follow ${vehicleId}`).click();
  await expect(fleet.map).toHaveAttribute('data-following', 'true');
  await expect(page).toHaveURL(/follow=1/);
  const start = await fleet.mapState();
  const centred = async () => {
    const state = await fleet.mapState();
    if (!state.selectedAt) return Number.POSITIVE_INFINITY;
    return Math.hypot(state.selectedAt.x - state.size.width / 2, state.selectedAt.y - state.size.height / 2);
  };
  await expect.poll(centred, { timeout: 10_000 }).toBeLessThan(3);
  // Several seconds later the map has moved with the vehicle, and it is still in the centre.
  await expect
    .poll(async () => Math.abs((await fleet.mapState()).center.lat - start.center.lat) + Math.abs((await fleet.mapState()).center.lon - start.center.lon), {
      timeout: 20_000,
    })
    .toBeGreaterThan(1e-5);
  expect(await centred()).toBeLessThan(3);

  // Dragging the map takes it back: following stops.
  const box = (await fleet.map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 6 });
  await page.mouse.up();
  await expect(fleet.map).toHaveAttribute('data-following', 'false');
});

test('a shared link reopens the same map view, filters and vehicle', async ({ page, stack }) => {
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.openLink(stack.url, '?vehicle=cab-0001&c=51.91000,4.45000&z=14.25&fleet=tankers');
  await expect(fleet.detail).toContainText('cab-0001');
  await expect(fleet.fleetFilter).toHaveValue('tankers');
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(E2E_TANKERS), { timeout: 30_000 });
  await expect.poll(async () => (await fleet.mapState()).zoom, { timeout: 15_000 }).toBeCloseTo(14.25, 2);
  const opened = await fleet.mapState();
  expect(opened.center.lat).toBeCloseTo(51.91, 4);
  expect(opened.center.lon).toBeCloseTo(4.45, 4);

  // Moving the map writes the new view into the address; that address opens the same view elsewhere.
  const box = (await fleet.map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2 - 80, { steps: 6 });
  await page.mouse.up();
  await page.mouse.wheel(0, -300);
  await expect.poll(() => new URL(page.url()).searchParams.get('c'), { timeout: 10_000 }).not.toBe('51.91000,4.45000');
  // Shared once the map has settled: the address then names exactly the view on screen.
  const addressShowsView = async () => {
    const state = await fleet.mapState();
    const params = new URL(page.url()).searchParams;
    return params.get('z') === state.zoom.toFixed(2) && params.get('c') === `${state.center.lat.toFixed(5)},${state.center.lon.toFixed(5)}`;
  };
  await expect.poll(addressShowsView, { timeout: 10_000 }).toBe(true);
  const shared = new URL(page.url());
  const moved = await fleet.mapState();

  const other = await page.context().newPage();
  const again = new FleetPage(other);
  await again.openLink(stack.url, shared.search);
  await expect(again.detail).toContainText('cab-0001');
  await expect(again.fleetFilter).toHaveValue('tankers');
  await expect.poll(async () => (await again.mapState()).zoom, { timeout: 15_000 }).toBeCloseTo(moved.zoom, 1);
  const reopened = await again.mapState();
  expect(reopened.center.lat).toBeCloseTo(moved.center.lat, 4);
  expect(reopened.center.lon).toBeCloseTo(moved.center.lon, 4);
});

test('at 1280 and 1440 px, with a vehicle open or not, the list shows whole one-line values and its key columns, beside the map and detail', async ({
  page,
  stack,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, stack.url, 'fleet');
  const fleet = new FleetPage(page);
  await fleet.open(stack.url, 'tanker-0001');
  await expect(fleet.detail).toBeVisible();
  await expect(fleet.vehicleList).toHaveAttribute('data-vehicle-count', String(FLEET_SIZE), { timeout: 30_000 });
  await expect(fleet.rows().first()).toBeVisible();
  const check = async (width: number, detailOpen: boolean) => {
    await page.setViewportSize({ width, height: 900 });
    const { problems, headers, mapWidth, detailRight } = await fleet.listLayout();
    const at = `${width} px, detail ${detailOpen ? 'open' : 'closed'}`;
    expect(problems, at).toEqual([]);
    // Narrow lists leave out the least needed columns; these always stay.
    expect(headers, at).toEqual(expect.arrayContaining(['Vehicle', 'Plate', 'Status', 'Engine', 'Alerts']));
    expect(mapWidth, at).toBeGreaterThan(300);
    if (detailOpen) expect(detailRight, at).toBeLessThanOrEqual(width);
  };
  await check(1440, true);
  await check(1280, true);
  await page.getByRole('button', { name: 'Close vehicle detail' }).click();
  await expect(fleet.detail).toBeHidden();
  await check(1280, false);
  await check(1440, false);
});
