import { describe, expect, it } from 'vitest';

import { CITY_BOUNDS } from './city-bounds';
import { clusterMarkers, fitBounds, glide, project, toScreen, toWorld, unproject, zoomAt } from './map-geometry';

describe('map geometry', () => {
  it('projects and unprojects a position', () => {
    const back = unproject(project(51.92, 4.47));
    expect(back.lat).toBeCloseTo(51.92, 9);
    expect(back.lon).toBeCloseTo(4.47, 9);
  });

  it('fits the city into the canvas', () => {
    const viewport = fitBounds(CITY_BOUNDS, 800, 600);
    const nw = toScreen(viewport, project(CITY_BOUNDS.maxLat, CITY_BOUNDS.minLon));
    const se = toScreen(viewport, project(CITY_BOUNDS.minLat, CITY_BOUNDS.maxLon));
    expect(nw.x).toBeGreaterThanOrEqual(-0.001);
    expect(se.x).toBeLessThanOrEqual(800.001);
    expect(se.y - nw.y).toBeLessThanOrEqual(600.001);
  });

  it('zooms around the pointer, keeping the point under it in place', () => {
    const viewport = fitBounds(CITY_BOUNDS, 800, 600);
    const anchor = { x: 200, y: 150 };
    const before = toWorld(viewport, anchor);
    const after = toWorld(zoomAt(viewport, anchor, 1.5), anchor);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('glides from the previous fix to the new one', () => {
    expect(glide({ x: 0, y: 0 }, { x: 10, y: 20 }, 1000, 1000, 1500)).toEqual({ x: 5, y: 10 });
    expect(glide({ x: 0, y: 0 }, { x: 10, y: 20 }, 1000, 1000, 2500)).toEqual({ x: 10, y: 20 });
  });

  it('clusters markers sharing a cell, never the selected one', () => {
    const markers = [
      { item: 'a', x: 1, y: 1 },
      { item: 'b', x: 5, y: 5 },
      { item: 'c', x: 8, y: 8 },
      { item: 'd', x: 100, y: 100 },
    ];
    const { singles, clusters } = clusterMarkers(markers, 40, (id) => id === 'c');
    expect(singles.map((marker) => marker.item).sort()).toEqual(['c', 'd']);
    expect(clusters).toEqual([{ x: 3, y: 3, members: ['a', 'b'] }]);
  });
});
