import type { Locator, Page } from '@playwright/test';

/** The trip history page (`/fleet/vehicles/:id/trip`) as a person sees it. */
export class TripPage {
  readonly map: Locator;
  readonly charts: Locator;
  readonly distance: Locator;
  readonly stops: Locator;
  readonly period: Locator;
  /** The CSV download: its link carries the exact period shown (`from`, `to` to the millisecond). */
  readonly csv: Locator;

  constructor(private readonly page: Page) {
    this.map = page.getByTestId('trip-map');
    this.charts = page.getByTestId('trip-charts');
    this.distance = page.getByTestId('trip-distance');
    this.stops = page.getByTestId('trip-stops');
    this.period = page.getByRole('group', { name: 'Period' });
    this.csv = page.getByRole('link', { name: 'CSV' });
  }

  /** The period shown, as its two inputs read. */
  async shownPeriod(): Promise<{ from: string; to: string }> {
    return { from: await this.period.getByLabel('From').inputValue(), to: await this.period.getByLabel('To').inputValue() };
  }

  /** Route features MapLibre rendered, and the screen position of where the drawn route starts. */
  async drawnRoute(): Promise<{ features: number; start?: { x: number; y: number } }> {
    return this.map.evaluate((element) => {
      // A route with gaps in the data is a MultiLineString: its first line's first position is where it starts.
      type Feature = { geometry: { type: string; coordinates: [number, number][] | [number, number][][] } };
      const map = (
        element as unknown as {
          fleetMap: {
            project(p: [number, number]): { x: number; y: number };
            queryRenderedFeatures(options: { layers: string[] }): Feature[];
          };
        }
      ).fleetMap;
      const features = map.queryRenderedFeatures({ layers: ['trip-route'] });
      const geometry = features[0]?.geometry;
      const first =
        geometry?.type === 'MultiLineString'
          ? (geometry.coordinates as [number, number][][])[0]?.[0]
          : (geometry?.coordinates as [number, number][] | undefined)?.[0];
      return { features: features.length, start: first ? map.project(first) : undefined };
    });
  }

  /** Moves the mouse over the map at a position in the map's own pixels. */
  async hoverMapAt(at: { x: number; y: number }): Promise<void> {
    const box = await this.map.boundingBox();
    if (box) await this.page.mouse.move(box.x + at.x, box.y + at.y);
  }
}
