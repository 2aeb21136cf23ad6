import type { VehicleStatus } from '@/lib/contracts/fleet';
import type { GeoBounds } from '@/lib/fleet/city-bounds';
import type { Cluster, PlacedMarker, Viewport, WorldPoint } from '@/lib/fleet/map-geometry';
import { project, scaleOf, toScreen, toWorld, unproject } from '@/lib/fleet/map-geometry';
import type { VehiclePoint, VehicleView } from '@/lib/realtime/events';

import { clusterRadius } from './map/hit-test';
import { ALERT_COLOUR, CONCERN_COLOURS, SELECTED_COLOUR, STALE_COLOUR, STATUS_COLOURS, worstConcern } from './map-style';

const MARKER_RADIUS = 5;

/** The light base drawn when there are no tiles: a graticule every 0.01° (about 1 km) and the city's bounds. */
export function drawBase(ctx: CanvasRenderingContext2D, viewport: Viewport, city: GeoBounds, cityName: string): void {
  ctx.fillStyle = '#11181f';
  ctx.fillRect(0, 0, viewport.width, viewport.height);
  const topLeft = unproject(toWorld(viewport, { x: 0, y: 0 }));
  const bottomRight = unproject(toWorld(viewport, { x: viewport.width, y: viewport.height }));
  const step = viewport.zoom >= 15 ? 0.002 : viewport.zoom >= 13 ? 0.01 : 0.05;
  ctx.strokeStyle = '#1c2631';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let lon = Math.ceil(topLeft.lon / step) * step; lon <= bottomRight.lon; lon += step) {
    const x = Math.round(toScreen(viewport, project(0, lon)).x) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, viewport.height);
  }
  for (let lat = Math.ceil(bottomRight.lat / step) * step; lat <= topLeft.lat; lat += step) {
    const y = Math.round(toScreen(viewport, project(lat, 0)).y) + 0.5;
    ctx.moveTo(0, y);
    ctx.lineTo(viewport.width, y);
  }
  ctx.stroke();
  const nw = toScreen(viewport, project(city.maxLat, city.minLon));
  const se = toScreen(viewport, project(city.minLat, city.maxLon));
  ctx.strokeStyle = '#3a4b5e';
  ctx.setLineDash([6, 4]);
  ctx.strokeRect(nw.x, nw.y, se.x - nw.x, se.y - nw.y);
  ctx.setLineDash([]);
  ctx.fillStyle = '#5b6b7e';
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillText(cityName, nw.x + 6, nw.y + 16);
}

/** Raster tiles (z/x/y) under the vehicles, where a tile server is configured and reachable. */
export function drawTiles(ctx: CanvasRenderingContext2D, viewport: Viewport, tile: (z: number, x: number, y: number) => HTMLImageElement | undefined): void {
  const z = Math.floor(viewport.zoom);
  const tilePx = 256 * scaleOf(viewport.zoom - z);
  const topLeft = toWorld(viewport, { x: 0, y: 0 });
  const bottomRight = toWorld(viewport, { x: viewport.width, y: viewport.height });
  const perTile = 256 / scaleOf(z);
  for (let tx = Math.floor(topLeft.x / perTile); tx <= Math.floor(bottomRight.x / perTile); tx += 1) {
    for (let ty = Math.floor(topLeft.y / perTile); ty <= Math.floor(bottomRight.y / perTile); ty += 1) {
      const image = tile(z, tx, ty);
      if (!image) continue;
      const at = toScreen(viewport, { x: tx * perTile, y: ty * perTile });
      ctx.drawImage(image, at.x, at.y, tilePx + 0.5, tilePx + 0.5);
    }
  }
}

export function drawTrail(ctx: CanvasRenderingContext2D, viewport: Viewport, trail: readonly VehiclePoint[]): void {
  if (trail.length < 2) return;
  ctx.strokeStyle = 'rgba(255,255,255,0.55)';
  ctx.lineWidth = 2;
  ctx.beginPath();
  trail.forEach((point, index) => {
    const at = toScreen(viewport, project(point.lat, point.lon));
    if (index === 0) ctx.moveTo(at.x, at.y);
    else ctx.lineTo(at.x, at.y);
  });
  ctx.stroke();
}

/**
 * Every lone vehicle, batched by colour into one path each (a fill per colour, not per vehicle),
 * which is what keeps 10,000 markers inside a frame. Offline vehicles are hollow: where they were,
 * never drawn as if they were there now.
 */
export function drawVehicles(ctx: CanvasRenderingContext2D, markers: readonly PlacedMarker<VehicleView>[], selectedId: string | null): void {
  const fills = new Map<VehicleStatus, Path2D>();
  const hollow = new Path2D();
  const stale = new Path2D();
  const alerts = new Path2D();
  for (const { item: vehicle, x, y } of markers) {
    if (vehicle.freshness === 'offline') {
      hollow.moveTo(x + MARKER_RADIUS, y);
      hollow.arc(x, y, MARKER_RADIUS, 0, Math.PI * 2);
    } else {
      let path = fills.get(vehicle.status);
      if (!path) fills.set(vehicle.status, (path = new Path2D()));
      addMarker(path, vehicle, x, y);
      if (vehicle.freshness !== 'live') {
        stale.moveTo(x + MARKER_RADIUS + 3, y);
        stale.arc(x, y, MARKER_RADIUS + 3, 0, Math.PI * 2);
      }
    }
    if (vehicle.openAlerts > 0) {
      alerts.moveTo(x + MARKER_RADIUS + 5, y);
      alerts.arc(x, y, MARKER_RADIUS + 5, 0, Math.PI * 2);
    }
  }
  for (const [status, path] of fills) {
    ctx.fillStyle = STATUS_COLOURS[status];
    ctx.fill(path);
  }
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = STATUS_COLOURS.offline;
  ctx.stroke(hollow);
  ctx.setLineDash([2, 2]);
  ctx.strokeStyle = STALE_COLOUR;
  ctx.stroke(stale);
  ctx.setLineDash([]);
  ctx.lineWidth = 2;
  ctx.strokeStyle = ALERT_COLOUR;
  ctx.stroke(alerts);
  const selected = selectedId ? markers.find((marker) => marker.item.vehicleId === selectedId) : undefined;
  if (selected) {
    ctx.strokeStyle = SELECTED_COLOUR;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(selected.x, selected.y, MARKER_RADIUS + 8, 0, Math.PI * 2);
    ctx.stroke();
  }
}

/** A moving vehicle is an arrow along its heading; one standing still is a dot. */
function addMarker(path: Path2D, vehicle: VehicleView, x: number, y: number): void {
  if (vehicle.speedKmh < 5) {
    path.moveTo(x + MARKER_RADIUS, y);
    path.arc(x, y, MARKER_RADIUS, 0, Math.PI * 2);
    return;
  }
  const angle = (vehicle.headingDeg * Math.PI) / 180;
  const point = (distance: number, offset: number) => ({ x: x + Math.sin(angle + offset) * distance, y: y - Math.cos(angle + offset) * distance });
  const tip = point(MARKER_RADIUS + 3, 0);
  const left = point(MARKER_RADIUS, 2.4);
  const right = point(MARKER_RADIUS, -2.4);
  path.moveTo(tip.x, tip.y);
  path.lineTo(left.x, left.y);
  path.lineTo(x, y);
  path.lineTo(right.x, right.y);
  path.closePath();
}

/** A cluster is a ring split by the share of each status, outlined in its worst concern, with its size inside. */
export function drawClusters(ctx: CanvasRenderingContext2D, clusters: readonly Cluster<VehicleView>[]): void {
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const cluster of clusters) {
    const radius = clusterRadius(cluster.members.length);
    const counts: Record<VehicleStatus, number> = { moving: 0, idle: 0, parked: 0, offline: 0 };
    for (const member of cluster.members) counts[member.status] += 1;
    ctx.fillStyle = 'rgba(22,29,38,0.9)';
    ctx.beginPath();
    ctx.arc(cluster.x, cluster.y, radius, 0, Math.PI * 2);
    ctx.fill();
    let start = -Math.PI / 2;
    ctx.lineWidth = 5;
    for (const status of Object.keys(counts) as VehicleStatus[]) {
      if (counts[status] === 0) continue;
      const end = start + (counts[status] / cluster.members.length) * Math.PI * 2;
      ctx.strokeStyle = STATUS_COLOURS[status];
      ctx.beginPath();
      ctx.arc(cluster.x, cluster.y, radius - 3, start, end);
      ctx.stroke();
      start = end;
    }
    const concern = worstConcern(cluster.members);
    if (concern !== 'none') {
      ctx.lineWidth = 2;
      ctx.strokeStyle = CONCERN_COLOURS[concern];
      ctx.beginPath();
      ctx.arc(cluster.x, cluster.y, radius + 1.5, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.fillStyle = '#e6edf3';
    ctx.fillText(String(cluster.members.length), cluster.x, cluster.y);
  }
  ctx.textAlign = 'start';
  ctx.textBaseline = 'alphabetic';
}

export function screenOf(viewport: Viewport, world: WorldPoint): WorldPoint {
  return toScreen(viewport, world);
}
