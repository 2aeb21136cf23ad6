/** The deepest zoom the fleet map offers (MapLibre zoom): a shared link asking for more is refused. */
export const MAX_ZOOM = 19;

export interface WorldPoint {
  x: number;
  y: number;
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
export function clusterMarkers<T>(
  markers: readonly PlacedMarker<T>[],
  cellPx: number,
  keepAlone: (item: T) => boolean,
): { singles: PlacedMarker<T>[]; clusters: Cluster<T>[] } {
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
