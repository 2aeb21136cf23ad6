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

/** A rough width of one character in SVG units at font size 1 (the plan's sans-serif, mixed case). */
const CHAR_WIDTH = 0.58;
/** The label may use this much of the zone's width: a margin on each side keeps it off the walls. */
const FILL = 0.86;

/** The zone's width across its bounding box, in plan units. */
export function shapeWidth(shape: ZoneShape): number {
  const xs = shapePoints(shape).map(([x]) => x);
  return Math.max(...xs) - Math.min(...xs);
}

/**
 * A zone name that fits its zone: on one line at `fontSize` if it can, else broken at spaces onto
 * two lines, and only if a line is still too wide, a smaller font. A name is
 * never cut, so no zone reads as another.
 */
/** The name split at the space that makes its longer half shortest ("Lecture room A": "Lecture", "room A"); undefined for one word. */
function twoLines(name: string): [string, string] | undefined {
  const words = name.split(/\s+/);
  let best: [string, string] | undefined;
  for (let at = 1; at < words.length; at += 1) {
    const split: [string, string] = [words.slice(0, at).join(' '), words.slice(at).join(' ')];
    if (!best || Math.max(...split.map((line) => line.length)) < Math.max(...best.map((line) => line.length))) best = split;
  }
  return best;
}

export function fitLabel(name: string, zoneWidth: number, fontSize: number): { lines: string[]; fontSize: number } {
  const room = zoneWidth * FILL;
  const fits = (text: string, size: number) => text.length * CHAR_WIDTH * size <= room;
  if (fits(name, fontSize)) return { lines: [name], fontSize };
  const lines = twoLines(name) ?? [name];
  const longest = Math.max(...lines.map((line) => line.length));
  return { lines, fontSize: Math.min(fontSize, room / (longest * CHAR_WIDTH)) };
}
