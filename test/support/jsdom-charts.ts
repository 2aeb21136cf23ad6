import { waitFor } from '@testing-library/react';
import { expect, vi } from 'vitest';

/**
 * jsdom lays nothing out and has no ResizeObserver, so recharts' ResponsiveContainer draws nothing:
 * give only the containers a size (a legend measured that tall would leave the plot no room).
 */
export function giveChartsASize(width = 800, height = 150): void {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const [w, h] = this.classList.contains('recharts-responsive-container') ? [width, height] : [0, 0];
    return { width: w, height: h, top: 0, left: 0, right: w, bottom: h, x: 0, y: 0, toJSON: () => ({}) };
  });
}

/** How many separate strokes each of the `lines` drawn lines is made of (a break starts a new subpath, "M"), once all are drawn. */
export async function lineStrokes(lines: number): Promise<number[]> {
  const paths = () => [...document.querySelectorAll('path.recharts-line-curve')];
  await waitFor(() => expect(paths()).toHaveLength(lines));
  return paths().map((path) => (path.getAttribute('d') ?? '').split('M').length - 1);
}
