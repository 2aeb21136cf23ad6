import { describe, expect, it } from 'vitest';

import { labelPoint, planBounds, toSvgPoints } from './plan-geometry';

const rect = { type: 'rect' as const, x: 10, y: 0, width: 20, height: 10 };
const triangle = { type: 'polygon' as const, points: [[0, 0], [10, 0], [0, 30]] as [number, number][] };

describe('plan geometry', () => {
  it('bounds every shape and flips y so north is up', () => {
    const bounds = planBounds([rect, triangle]);
    expect(bounds).toEqual({ minX: 0, minY: 0, maxX: 30, maxY: 30 });
    expect(toSvgPoints(rect, bounds)).toBe('10,30 30,30 30,20 10,20');
  });

  it('labels a zone at the middle of its corners', () => {
    expect(labelPoint(rect, planBounds([rect]))).toEqual({ x: 10, y: 5 });
  });
});
