import type { GeoBounds } from './city-bounds';

/** Web Mercator at zoom 0 is one 256-pixel tile; raster tiles from any standard server line up with it. */
export const TILE_SIZE = 256;
export const MIN_ZOOM = 10;
export const MAX_ZOOM = 19;

export interface WorldPoint {
  x: number;
  y: number;
}

/** Longitude/latitude → Web Mercator pixels at zoom 0. */
export function project(lat: number, lon: number): WorldPoint {
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((lon + 180) / 360) * TILE_SIZE,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE_SIZE,
  };
}

export function unproject(point: WorldPoint): { lat: number; lon: number } {
  const lon = (point.x / TILE_SIZE) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * point.y) / TILE_SIZE;
  return { lat: (180 / Math.PI) * Math.atan(Math.sinh(n)), lon };
}

/** What the map shows: its centre in zoom-0 world pixels, a fractional zoom, and the canvas size in CSS pixels. */
export interface Viewport {
  center: WorldPoint;
  zoom: number;
  width: number;
  height: number;
}

export function scaleOf(zoom: number): number {
  return 2 ** zoom;
}

export function toScreen(viewport: Viewport, point: WorldPoint): WorldPoint {
  const scale = scaleOf(viewport.zoom);
  return { x: (point.x - viewport.center.x) * scale + viewport.width / 2, y: (point.y - viewport.center.y) * scale + viewport.height / 2 };
}

export function toWorld(viewport: Viewport, screen: WorldPoint): WorldPoint {
  const scale = scaleOf(viewport.zoom);
  return { x: (screen.x - viewport.width / 2) / scale + viewport.center.x, y: (screen.y - viewport.height / 2) / scale + viewport.center.y };
}

/** The viewport that shows `bounds` whole, centred. */
export function fitBounds(bounds: GeoBounds, width: number, height: number): Viewport {
  const nw = project(bounds.maxLat, bounds.minLon);
  const se = project(bounds.minLat, bounds.maxLon);
  const zoom = Math.log2(Math.min(width / Math.max(se.x - nw.x, 1e-9), height / Math.max(se.y - nw.y, 1e-9)));
  return { center: { x: (nw.x + se.x) / 2, y: (nw.y + se.y) / 2 }, zoom: clampZoom(zoom), width, height };
}

/** Zooms by `delta` levels keeping the world point under `anchor` (screen pixels) where it is. */
export function zoomAt(viewport: Viewport, anchor: WorldPoint, delta: number): Viewport {
  const zoom = clampZoom(viewport.zoom + delta);
  const before = toWorld(viewport, anchor);
  const scale = scaleOf(zoom);
  return { ...viewport, zoom, center: { x: before.x - (anchor.x - viewport.width / 2) / scale, y: before.y - (anchor.y - viewport.height / 2) / scale } };
}

export function panBy(viewport: Viewport, dx: number, dy: number): Viewport {
  const scale = scaleOf(viewport.zoom);
  return { ...viewport, center: { x: viewport.center.x - dx / scale, y: viewport.center.y - dy / scale } };
}

function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Linear glide from the previous fix to the new one, so vehicles move instead of jumping. */
export function glide(from: WorldPoint, to: WorldPoint, startedAt: number, durationMs: number, now: number): WorldPoint {
  if (durationMs <= 0 || now >= startedAt + durationMs) return to;
  const t = Math.max(0, (now - startedAt) / durationMs);
  return { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
}

export interface PlacedMarker<T> {
  item: T;
  x: number;
  y: number;
}

export interface Cluster<T> {
  x: number;
  y: number;
  members: T[];
}

/**
 * Gathers markers that share a screen cell into clusters (at least two members); a lone marker and
 * the `keepAlone` one (the selected vehicle) stay markers. One pass over a hash grid, so 10,000
 * vehicles cluster in a millisecond or two.
 */
export function clusterMarkers<T>(markers: readonly PlacedMarker<T>[], cellPx: number, keepAlone: (item: T) => boolean): { singles: PlacedMarker<T>[]; clusters: Cluster<T>[] } {
  // A number per cell, not a string: this runs every frame over every vehicle.
  const cells = new Map<number, PlacedMarker<T>[]>();
  const singles: PlacedMarker<T>[] = [];
  for (const marker of markers) {
    if (keepAlone(marker.item)) {
      singles.push(marker);
      continue;
    }
    const key = (Math.floor(marker.x / cellPx) + 1_000) * 100_000 + Math.floor(marker.y / cellPx) + 1_000;
    const cell = cells.get(key);
    if (cell) cell.push(marker);
    else cells.set(key, [marker]);
  }
  const clusters: Cluster<T>[] = [];
  for (const cell of cells.values()) {
    const [first] = cell;
    if (cell.length === 1 && first) {
      singles.push(first);
      continue;
    }
    let x = 0;
    let y = 0;
    for (const marker of cell) {
      x += marker.x;
      y += marker.y;
    }
    clusters.push({ x: x / cell.length, y: y / cell.length, members: cell.map((marker) => marker.item) });
  }
  return { singles, clusters };
}
