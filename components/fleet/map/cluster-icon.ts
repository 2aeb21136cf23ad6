import type { VehicleStatus } from '@/lib/contracts/fleet';
import { VEHICLE_STATUSES } from '@/lib/contracts/fleet';
import type { VehicleView } from '@/lib/realtime/events';

import { CONCERN_COLOURS, STATUS_COLOURS, worstConcern } from '../map-style';
import type { Concern } from '../map-style';

import { clusterRadius } from './hit-test';

/** Status shares are drawn in eighths: fine enough to read, few enough that icons are reused. */
const SHARE_STEPS = 8;
const RING_PREFIX = 'cluster-ring:';
const LABEL_PREFIX = 'cluster-label:';

/**
 * A cluster is drawn as two icons, each named by what it shows so that clusters that look alike
 * share one image: its ring (disc size, status shares, worst concern) and its size label. Apart,
 * a few hundred images cover every cluster; together, each change of a count would need a new one.
 */
export function clusterIconIds(members: readonly VehicleView[]): { ring: string; label: string } {
  const counts: Record<VehicleStatus, number> = { moving: 0, idle: 0, parked: 0, offline: 0 };
  for (const member of members) counts[member.status] += 1;
  const shares = VEHICLE_STATUSES.map((status) => Math.round((counts[status] / members.length) * SHARE_STEPS));
  const radius = Math.round(clusterRadius(members.length));
  return { ring: `${RING_PREFIX}${radius}:${shares.join('')}:${worstConcern(members)}`, label: `${LABEL_PREFIX}${sizeLabel(members.length)}` };
}

function sizeLabel(size: number): string {
  return size < 1_000 ? String(size) : `${(size / 1_000).toFixed(size < 10_000 ? 1 : 0)}k`;
}

/** Draws the icon a `clusterIconIds` name stands for; undefined for any other name. `ratio` is the device pixel ratio. */
export function drawClusterIcon(id: string, ratio: number): ImageData | undefined {
  if (id.startsWith(RING_PREFIX)) return drawClusterRing(id.slice(RING_PREFIX.length), ratio);
  if (id.startsWith(LABEL_PREFIX)) return drawClusterLabel(id.slice(LABEL_PREFIX.length), ratio);
  return undefined;
}

/** A dark disc, a ring split by status share, an outline in the worst concern's colour. */
function drawClusterRing(name: string, ratio: number): ImageData | undefined {
  const [radiusText, shareDigits, concern] = name.split(':') as [string, string, Concern];
  const radius = Number(radiusText);
  const side = Math.ceil((radius + 4) * 2 * ratio);
  const ctx = iconCanvas(side, side, ratio);
  if (!ctx) return undefined;
  const c = side / ratio / 2;
  ctx.fillStyle = 'rgba(22,29,38,0.9)';
  ctx.beginPath();
  ctx.arc(c, c, radius, 0, Math.PI * 2);
  ctx.fill();
  const shares = [...shareDigits].map(Number);
  const total = shares.reduce((sum, share) => sum + share, 0) || 1;
  let start = -Math.PI / 2;
  ctx.lineWidth = 5;
  VEHICLE_STATUSES.forEach((status, i) => {
    const share = shares[i] ?? 0;
    if (share === 0) return;
    const end = start + (share / total) * Math.PI * 2;
    ctx.strokeStyle = STATUS_COLOURS[status];
    ctx.beginPath();
    ctx.arc(c, c, radius - 3, start, end);
    ctx.stroke();
    start = end;
  });
  if (concern !== 'none') {
    ctx.lineWidth = 2;
    ctx.strokeStyle = CONCERN_COLOURS[concern];
    ctx.beginPath();
    ctx.arc(c, c, radius + 1.5, 0, Math.PI * 2);
    ctx.stroke();
  }
  return ctx.getImageData(0, 0, side, side);
}

/** The cluster's size, light on transparent, drawn over its ring. */
function drawClusterLabel(label: string, ratio: number): ImageData | undefined {
  const width = Math.ceil(label.length * 8 * ratio) + 2;
  const height = Math.ceil(14 * ratio);
  const ctx = iconCanvas(width, height, ratio);
  if (!ctx) return undefined;
  ctx.fillStyle = '#e6edf3';
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, width / ratio / 2, height / ratio / 2);
  return ctx.getImageData(0, 0, width, height);
}

/** A heading arrow pointing north, as a signed-distance-field-friendly white shape MapLibre can tint. */
export function drawArrowIcon(ratio: number): ImageData | undefined {
  const side = Math.ceil(20 * ratio);
  const ctx = iconCanvas(side, side, ratio);
  if (!ctx) return undefined;
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.moveTo(10, 1);
  ctx.lineTo(16.5, 16);
  ctx.lineTo(10, 12);
  ctx.lineTo(3.5, 16);
  ctx.closePath();
  ctx.fill();
  return ctx.getImageData(0, 0, side, side);
}

/** A canvas of `width` × `height` device pixels, drawn on in CSS pixels. */
function iconCanvas(width: number, height: number, ratio: number): CanvasRenderingContext2D | null {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx?.scale(ratio, ratio);
  return ctx;
}
