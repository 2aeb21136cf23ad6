import { describe, expect, it } from 'vitest';

import { fitLabel, labelPoint, planBounds, shapeWidth, toSvgPoints } from './plan-geometry';

const rect = { type: 'rect' as const, x: 10, y: 0, width: 20, height: 10 };
const triangle = {
  type: 'polygon' as const,
  points: [
    [0, 0],
    [10, 0],
    [0, 30],
  ] as [number, number][],
};

describe('plan geometry', () => {
  it('bounds every shape and flips y so north is up', () => {
    const bounds = planBounds([rect, triangle]);
    expect(bounds).toEqual({ minX: 0, minY: 0, maxX: 30, maxY: 30 });
    expect(toSvgPoints(rect, bounds)).toBe('10,30 30,30 30,20 10,20');
  });

  it('labels a zone at the middle of its corners', () => {
    expect(labelPoint(rect, planBounds([rect]))).toEqual({ x: 10, y: 5 });
  });

  it('fits a zone name inside its zone: one line if it fits, else broken at spaces, else a smaller font, never cut', () => {
    expect(shapeWidth(rect)).toBe(20);
    expect(fitLabel('Lab', 60, 6)).toEqual({ lines: ['Lab'], fontSize: 6 });
    // "Meeting rooms" at 6 units is ~45 wide, too wide for a 40-wide zone: two lines.
    expect(fitLabel('Meeting rooms', 40, 6)).toEqual({ lines: ['Meeting', 'rooms'], fontSize: 6 });
    expect(fitLabel('Lecture room A', 50, 6)).toEqual({ lines: ['Lecture', 'room A'], fontSize: 6 });
    const narrow = fitLabel('Auditorium', 20, 6);
    expect(narrow.lines).toEqual(['Auditorium']);
    expect(narrow.fontSize * 0.58 * 'Auditorium'.length).toBeLessThanOrEqual(20 * 0.86 + 1e-9);
  });
});
