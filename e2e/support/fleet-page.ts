import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The vehicle list's columns in order, as `components/fleet/vehicle-list.tsx` names them. */
const LIST_COLUMNS = ['vehicleId', 'plate', 'driver', 'status', 'freshness', 'speedKmh', 'engineTempC', 'containerTempC', 'fuelPct', 'openAlerts'] as const;

/** The Fleet page as a person sees it: the page object the browser tests speak through. */
export class FleetPage {
  readonly connection: Locator;
  readonly vehicleList: Locator;
  readonly totalKpi: Locator;
  readonly freshness: Locator;
  readonly connectionLostBanner: Locator;
  readonly map: Locator;
  readonly search: Locator;
  readonly detail: Locator;
  readonly charts: Locator;
  /** The list's fleet filter (All, Cabs, Tankers). */
  readonly fleetFilter: Locator;

  constructor(private readonly page: Page) {
    this.connection = page.getByTestId('connection-state');
    this.vehicleList = page.getByRole('table', { name: 'Vehicles' });
    this.totalKpi = page.getByTestId('kpi-total');
    this.freshness = page.getByTestId('freshness');
    this.connectionLostBanner = page.getByRole('alert').filter({ hasText: 'live connection is down' });
    this.map = page.getByTestId('fleet-map');
    this.search = page.getByRole('searchbox', { name: 'Search vehicles by id, plate or driver' });
    this.detail = page.getByTestId('vehicle-detail');
    this.charts = page.getByTestId('vehicle-charts');
    this.fleetFilter = page.getByRole('search').getByRole('combobox').first();
  }

  async open(baseUrl: string, vehicleId?: string): Promise<void> {
    await this.page.goto(`${baseUrl}/fleet${vehicleId ? `?vehicle=${encodeURIComponent(vehicleId)}` : ''}`);
  }

  /** Opens a link to the page as someone shared it (its query string as is). */
  async openLink(baseUrl: string, search: string): Promise<void> {
    await this.page.goto(`${baseUrl}/fleet${search}`);
  }

  mapButton(name: RegExp | string): Locator {
    return this.page.getByRole('toolbar', { name: 'Map controls' }).getByRole('button', { name });
  }

  rows(): Locator {
    return this.vehicleList.locator('[data-vehicle-id]');
  }

  row(vehicleId: string): Locator {
    return this.vehicleList.locator(`[data-vehicle-id="${vehicleId}"]`);
  }

  /**
   * A row's cell by its position in the full column order (0: id, 1: plate, 3: status, 4: data
   * freshness, 6: engine, 9: alerts). Found by its `col-<column>` class, not by counting cells: a
   * narrow list leaves some columns out, which would shift every position after them.
   */
  cell(vehicleId: string, column: number): Locator {
    return this.row(vehicleId).locator(`.col-${LIST_COLUMNS[column]}`);
  }

  /**
   * What is wrong with the list's layout as drawn: a shown header or cell cut (wider than its column;
   * the driver's name may end in an ellipsis, its title has it whole) or wrapped onto a second line,
   * or a row wider than the list. Also the headers shown, left to right, and where map and detail
   * end: one round trip, as the page is busy drawing the map in software.
   */
  async listLayout(): Promise<{ problems: string[]; headers: string[]; mapWidth: number; detailRight: number | null }> {
    return this.vehicleList.evaluate((list) => {
      const problems: string[] = [];
      const shown = (element: Element) => getComputedStyle(element).display !== 'none';
      for (const row of Array.from(list.querySelectorAll<HTMLElement>('[role="row"]')).slice(0, 12)) {
        if (row.scrollWidth > row.clientWidth)
          problems.push(`row ${row.dataset.vehicleId ?? 'header'} is ${row.scrollWidth - row.clientWidth}px wider than the list`);
        for (const cell of Array.from(row.querySelectorAll<HTMLElement>('[role="cell"], [role="columnheader"]')).filter(shown)) {
          const text = (cell.textContent ?? '').trim();
          const lineHeight = parseFloat(getComputedStyle(cell).fontSize) * 2;
          if (cell.scrollWidth > cell.clientWidth && cell.title !== text) problems.push(`"${text}" cut by ${cell.scrollWidth - cell.clientWidth}px`);
          if (cell.getBoundingClientRect().height > lineHeight) problems.push(`"${text}" wraps`);
        }
      }
      const headers = Array.from(list.querySelectorAll('[role="columnheader"]'))
        .filter(shown)
        .map((header) => (header.textContent ?? '').replace(/[▲▼]/g, '').trim());
      const mapWidth = document.querySelector('[data-testid="fleet-map"]')?.getBoundingClientRect().width ?? 0;
      const detailRight = document.querySelector('[data-testid="vehicle-detail"]')?.getBoundingClientRect().right ?? null;
      return { problems, headers, mapWidth, detailRight };
    });
  }

  /** A vehicle driving now (by the BFF's fleet API), waiting up to 30 s for one; `except` are left out. */
  async movingVehicle(baseUrl: string, except: string[] = [], { withoutAlerts = false } = {}): Promise<string> {
    const moving = async () =>
      (
        (await (await this.page.request.get(`${baseUrl}/api/fleet/vehicles`)).json()) as {
          vehicles: { vehicleId: string; status: string; openAlerts: number }[];
        }
      ).vehicles.find((vehicle) => vehicle.status === 'moving' && !except.includes(vehicle.vehicleId) && (!withoutAlerts || vehicle.openAlerts === 0))
        ?.vehicleId;
    let vehicleId: string | undefined;
    await expect.poll(async () => (vehicleId = await moving()), { timeout: 30_000 }).toBeTruthy();
    return vehicleId!;
  }

  /** The visible rows' text: it changes whenever a shown vehicle reports. */
  async visibleRowsText(): Promise<string> {
    return (await this.rows().allInnerTexts()).join('\n');
  }

  /** Remembers the MapLibre map drawn now, for `sameMapAsMarked`. */
  async markMap(): Promise<void> {
    await this.map.evaluate((element) => {
      const holder = element as unknown as { fleetMap: unknown; markedMap?: unknown };
      holder.markedMap = holder.fleetMap;
    });
  }

  /** True while the page still draws on the map `markMap` saw: it was not torn down and built anew. */
  async sameMapAsMarked(): Promise<boolean> {
    return this.map.evaluate((element) => {
      const holder = element as unknown as { fleetMap: unknown; markedMap?: unknown };
      return holder.markedMap !== undefined && holder.markedMap === holder.fleetMap;
    });
  }

  /** The map's own answers (MapLibre, as drawn): centre, zoom, and what it rendered where a position lies. */
  async mapState(position?: { lat: number; lon: number }): Promise<{
    center: { lat: number; lon: number };
    zoom: number;
    roadsAt: number;
    waterAt: number;
    streetFeatures: number;
    selectedAt?: { x: number; y: number };
    size: { width: number; height: number };
  }> {
    return this.map.evaluate((element, at) => {
      type Feature = { geometry: { coordinates: number[] } };
      const map = (
        element as unknown as {
          fleetMap: {
            getCenter(): { lat: number; lng: number };
            getZoom(): number;
            project(p: [number, number]): { x: number; y: number };
            queryRenderedFeatures(box: [[number, number], [number, number]], options: { layers: string[] }): Feature[];
            querySourceFeatures(source: string): Feature[];
          };
        }
      ).fleetMap;
      const rendered = (layers: string[]) => {
        if (!at) return 0;
        const p = map.project([at.lon, at.lat]);
        return map.queryRenderedFeatures(
          [
            [p.x - 2, p.y - 2],
            [p.x + 2, p.y + 2],
          ],
          { layers },
        ).length;
      };
      const selected = map.queryRenderedFeatures(
        [
          [0, 0],
          [element.clientWidth, element.clientHeight],
        ],
        { layers: ['vehicle-selected'] },
      )[0];
      const center = map.getCenter();
      return {
        center: { lat: center.lat, lon: center.lng },
        zoom: map.getZoom(),
        roadsAt: rendered(['roads', 'bridges']),
        waterAt: rendered(['water']),
        streetFeatures: map.querySourceFeatures('streets').length,
        selectedAt: selected ? map.project(selected.geometry.coordinates as [number, number]) : undefined,
        size: { width: element.clientWidth, height: element.clientHeight },
      };
    }, position);
  }

  /** Time of the newest point in the detail charts (epoch ms), 0 before any. */
  async lastChartPointAt(): Promise<number> {
    return Number((await this.charts.getAttribute('data-last-ts')) || 0);
  }
}
