import { describe, expect, it } from 'vitest';

import { clusterMarkers, glide } from './map-geometry';

describe('map geometry', () => {
  it('glides from the previous fix to the new one', () => {
    expect(glide({ x: 0, y: 0 }, { x: 10, y: 20 }, 1000, 1000, 1500)).toEqual({ x: 5, y: 10 });
    expect(glide({ x: 0, y: 0 }, { x: 10, y: 20 }, 1000, 1000, 2500)).toEqual({ x: 10, y: 20 });
  });

  it('clusters markers sharing a cell, never the selected one', () => {
    const markers = [
      { item: 'a', x: 1, y: 1 },
      { item: 'b', x: 5, y: 5 },
      { item: 'c', x: 8, y: 8 },
      { item: 'd', x: 100, y: 100 },
    ];
    const { singles, clusters } = clusterMarkers(markers, 40, (id) => id === 'c');
    expect(singles.map((marker) => marker.item).sort()).toEqual(['c', 'd']);
    expect(clusters).toEqual([{ x: 3, y: 3, members: ['a', 'b'] }]);
  });
});
