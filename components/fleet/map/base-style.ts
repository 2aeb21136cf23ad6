import type { ExpressionSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';

/** Road colours of the dark street map: the bigger the road, the brighter. */
const ROAD = { ring: '#8a6f3a', arterial: '#5d6b7c', street: '#36414e', casing: '#0b0f14', bridge: '#a38a55' };

/**
 * The map's own base when no style is configured (the demo, or no internet): the simulator's
 * streets and river, served by the BFF (`/api/fleet/streets`), drawn like a dark street map.
 * Road widths grow with the zoom, as on any street map.
 */
export function streetStyle(streetsUrl: string): StyleSpecification {
  // MapLibre allows a zoom curve only at the top of an expression: the per-kind widths go inside it.
  const width = (ring: number, arterial: number, street: number): ExpressionSpecification =>
    [
      'interpolate',
      ['exponential', 1.6],
      ['zoom'],
      ...[11, 14, 18].flatMap((zoom) => {
        const scale = zoom === 11 ? 1 : zoom === 14 ? 3 : 14;
        return [zoom, ['match', ['get', 'kind'], 'ring', ring * scale, 'arterial', arterial * scale, street * scale]];
      }),
    ] as ExpressionSpecification;
  const isRoad: ExpressionSpecification = ['==', ['get', 'layer'], 'road'];
  const isWater: ExpressionSpecification = ['==', ['get', 'layer'], 'water'];
  return {
    version: 8,
    sources: { streets: { type: 'geojson', data: streetsUrl } },
    layers: [
      { id: 'land', type: 'background', paint: { 'background-color': '#10161d' } },
      { id: 'water', type: 'fill', source: 'streets', filter: isWater, paint: { 'fill-color': '#12314a' } },
      { id: 'water-edge', type: 'line', source: 'streets', filter: isWater, paint: { 'line-color': '#1b4466', 'line-width': 1 } },
      {
        id: 'road-casing',
        type: 'line',
        source: 'streets',
        filter: isRoad,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': ROAD.casing, 'line-width': width(2, 1.6, 1) },
      },
      {
        id: 'roads',
        type: 'line',
        source: 'streets',
        filter: ['all', isRoad, ['!', ['get', 'bridge']]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': ['match', ['get', 'kind'], 'ring', ROAD.ring, 'arterial', ROAD.arterial, ROAD.street], 'line-width': width(1.3, 1, 0.6) },
      },
      {
        id: 'bridges',
        type: 'line',
        source: 'streets',
        filter: ['all', isRoad, ['get', 'bridge']],
        layout: { 'line-cap': 'butt' },
        paint: { 'line-color': ROAD.bridge, 'line-width': width(1.3, 1.3, 1.3) },
      },
      {
        id: 'roadworks',
        type: 'line',
        source: 'streets',
        filter: ['all', isRoad, ['get', 'roadworks']],
        paint: { 'line-color': '#c2702f', 'line-width': width(0.4, 0.4, 0.4), 'line-dasharray': [2, 2] },
      },
    ],
  };
}
