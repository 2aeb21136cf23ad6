import type { ZoneShape } from '@/lib/contracts/campus';

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function shapePoints(shape: ZoneShape): [number, number][] {
  if (shape.type === 'polygon') return shape.points;
  const { x, y, width, height } = shape;
  return [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
}

export function planBounds(shapes: readonly ZoneShape[]): Bounds {
  const points = shapes.flatMap(shapePoints);
  if (points.length === 0) return { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** The plan's y axis points north, SVG's points down: flip it so the plan is not upside down. */
export function toSvgPoints(shape: ZoneShape, bounds: Bounds): string {
  return shapePoints(shape)
    .map(([x, y]) => `${x - bounds.minX},${bounds.maxY - y}`)
    .join(' ');
}

/** Where a zone's label goes: the average of its corners, good enough for the campus's convex zones. */
export function labelPoint(shape: ZoneShape, bounds: Bounds): { x: number; y: number } {
  const points = shapePoints(shape);
  const x = points.reduce((sum, [px]) => sum + px, 0) / points.length;
  const y = points.reduce((sum, [, py]) => sum + py, 0) / points.length;
  return { x: x - bounds.minX, y: bounds.maxY - y };
}
