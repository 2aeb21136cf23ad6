import type { VehicleStatus } from '@/lib/contracts/fleet';
import { VEHICLE_STATUSES } from '@/lib/contracts/fleet';
import type { VehicleView } from '@/lib/realtime/events';

import { CONCERN_COLOURS, STATUS_COLOURS, worstConcern } from '../map-style';
import type { Concern } from '../map-style';

import { clusterRadius } from './hit-test';

/** Status shares are drawn in eighths: fine enough to read, few enough that icons are reused. */
const SHARE_STEPS = 8;
const PREFIX = 'cluster:';

/**
 * The icon of a cluster, named by what it shows: its size (abbreviated above 999), the status
 * shares of its ring and its worst concern. Clusters that look alike share one icon image.
 */
export function clusterIconId(members: readonly VehicleView[]): string {
  const counts: Record<VehicleStatus, number> = { moving: 0, idle: 0, parked: 0, offline: 0 };
  for (const member of members) counts[member.status] += 1;
  const shares = VEHICLE_STATUSES.map((status) => Math.round((counts[status] / members.length) * SHARE_STEPS));
  return `${PREFIX}${sizeLabel(members.length)}:${shares.join('')}:${worstConcern(members)}`;
}

export function isClusterIconId(id: string): boolean {
  return id.startsWith(PREFIX);
}

function sizeLabel(size: number): string {
  return size < 1_000 ? String(size) : `${(size / 1_000).toFixed(size < 10_000 ? 1 : 0)}k`;
}

/**
 * Draws the icon `clusterIconId` named: a dark disc, a ring split by status share, an outline in
 * the worst concern's colour, the size inside. `ratio` is the device pixel ratio.
 */
export function drawClusterIcon(id: string, ratio: number): ImageData | undefined {
  const [label, shareDigits, concern] = id.slice(PREFIX.length).split(':') as [string, string, Concern];
  const size = label.endsWith('k') ? Number(label.slice(0, -1)) * 1_000 : Number(label);
  const radius = clusterRadius(size);
  const side = Math.ceil((radius + 4) * 2 * ratio);
  const ctx = iconCanvas(side, ratio);
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
  ctx.fillStyle = '#e6edf3';
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, c, c);
  return ctx.getImageData(0, 0, side, side);
}

/** A heading arrow pointing north, as a signed-distance-field-friendly white shape MapLibre can tint. */
export function drawArrowIcon(ratio: number): ImageData | undefined {
  const side = Math.ceil(20 * ratio);
  const ctx = iconCanvas(side, ratio);
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

/** A square canvas of `side` device pixels, drawn on in CSS pixels. */
function iconCanvas(side: number, ratio: number): CanvasRenderingContext2D | null {
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx?.scale(ratio, ratio);
  return ctx;
}
