import type { CircleLayerSpecification, ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Map as MapLibreMap } from 'maplibre-gl';

import { MOVING_KMH } from '@/lib/fleet/freshness';
import type { VehiclePoint, VehicleView } from '@/lib/realtime/events';

import { ALERT_COLOUR, SELECTED_COLOUR, SEVERITY_COLOURS, STALE_COLOUR, STATUS_COLOURS } from '../map-style';

import { clusterIconIds, drawArrowIcon, drawClusterIcon } from './cluster-icon';
import type { DrawnMarkers } from './hit-test';

type Position = [number, number];

interface PointFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: Position };
  properties: Record<string, string | number | boolean>;
}

export interface VehicleCollection {
  type: 'FeatureCollection';
  features: PointFeature[];
}

const ARROW_ICON = 'vehicle-arrow';

/**
 * What the vehicle layers draw, one point per lone vehicle (at its gliding position) and per
 * cluster: status, heading arrow or dot, offline / delayed-frozen / open-alert marks, selection.
 * `lonLatOf` gives a lone vehicle's drawn position, `clusterAt` a cluster's (from screen px).
 */
export function vehicleCollection(
  drawn: DrawnMarkers,
  selectedId: string | null,
  lonLatOf: (vehicleId: string) => Position | undefined,
  clusterAt: (x: number, y: number) => Position,
): VehicleCollection {
  const features: PointFeature[] = [];
  for (const { item: vehicle } of drawn.singles) {
    const at = lonLatOf(vehicle.vehicleId);
    if (at) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: vehicleProperties(vehicle, selectedId) });
  }
  for (const cluster of drawn.clusters) {
    const { ring, label } = clusterIconIds(cluster.members);
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: clusterAt(cluster.x, cluster.y) },
      properties: { kind: 'cluster', icon: ring, label },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function vehicleProperties(vehicle: VehicleView, selectedId: string | null): PointFeature['properties'] {
  const offline = vehicle.freshness === 'offline';
  return {
    kind: 'vehicle',
    id: vehicle.vehicleId,
    status: vehicle.status,
    heading: vehicle.headingDeg,
    arrow: !offline && vehicle.speedKmh >= MOVING_KMH,
    offline,
    stale: !offline && vehicle.freshness !== 'live',
    alert: vehicle.openAlerts > 0,
    // A firing alert's severity, or "none" (open but cleared, or no alert): the ring's colour and size.
    severity: vehicle.alertSeverity ?? 'none',
    selected: vehicle.vehicleId === selectedId,
  };
}

export function trailCollection(trail: readonly VehiclePoint[]): {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: Position[] };
  properties: Record<string, never>;
} {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: trail.length > 1 ? trail.map((point) => [point.lon, point.lat]) : [] },
    properties: {},
  };
}

const statusColour: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  'moving',
  STATUS_COLOURS.moving,
  'idle',
  STATUS_COLOURS.idle,
  'parked',
  STATUS_COLOURS.parked,
  STATUS_COLOURS.offline,
];
const severityColour: ExpressionSpecification = [
  'match',
  ['get', 'severity'],
  'critical',
  SEVERITY_COLOURS.critical,
  'warning',
  SEVERITY_COLOURS.warning,
  'info',
  SEVERITY_COLOURS.info,
  ALERT_COLOUR,
];
const isVehicle: ExpressionSpecification = ['==', ['get', 'kind'], 'vehicle'];

/**
 * Draws the cluster icons `collection` needs and the map does not have yet; every cluster that
 * looks alike reuses one. Added before the collection is fed, not on MapLibre's "image missing"
 * request: that round trip re-lays out the vehicles' tiles and repaints the map once more per icon.
 */
export function addMissingClusterIcons(map: MapLibreMap, collection: VehicleCollection): void {
  const ratio = window.devicePixelRatio || 1;
  for (const { properties } of collection.features) {
    if (properties.kind !== 'cluster') continue;
    for (const icon of [properties.icon, properties.label]) {
      if (typeof icon !== 'string' || map.hasImage(icon)) continue;
      const image = drawClusterIcon(icon, ratio);
      if (image) map.addImage(icon, image, { pixelRatio: ratio });
    }
  }
}

/** Adds the vehicles' and the trail's sources and layers on top of whatever base style is loaded. */
export function addVehicleLayers(map: MapLibreMap): void {
  const ratio = window.devicePixelRatio || 1;
  const arrow = drawArrowIcon(ratio);
  if (arrow && !map.hasImage(ARROW_ICON)) map.addImage(ARROW_ICON, arrow, { pixelRatio: ratio, sdf: true });
  map.addSource('trail', { type: 'geojson', data: trailCollection([]) });
  map.addSource('vehicles', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const circle = (id: string, filter: ExpressionSpecification, paint: CircleLayerSpecification['paint']) =>
    map.addLayer({ id, type: 'circle', source: 'vehicles', filter: ['all', isVehicle, filter], paint });
  map.addLayer({
    id: 'trail',
    type: 'line',
    source: 'trail',
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': 'rgba(255,255,255,0.6)', 'line-width': 2 },
  });
  // A vehicle in trouble must stand out among hundreds: a filled halo in its worst firing severity under a thick ring.
  circle('vehicle-alert-halo', ['!=', ['get', 'severity'], 'none'], {
    'circle-radius': ['match', ['get', 'severity'], 'critical', 16, 12],
    'circle-color': severityColour,
    'circle-opacity': 0.35,
  });
  circle('vehicle-alert', ['get', 'alert'], {
    'circle-radius': ['match', ['get', 'severity'], 'critical', 12, 10],
    'circle-opacity': 0,
    'circle-stroke-width': ['match', ['get', 'severity'], 'none', 1.5, 3],
    'circle-stroke-color': severityColour,
  });
  circle('vehicle-stale', ['get', 'stale'], { 'circle-radius': 8, 'circle-opacity': 0, 'circle-stroke-width': 1.5, 'circle-stroke-color': STALE_COLOUR });
  circle('vehicle-offline', ['get', 'offline'], {
    'circle-radius': 5,
    'circle-opacity': 0,
    'circle-stroke-width': 1.5,
    'circle-stroke-color': STATUS_COLOURS.offline,
  });
  circle('vehicle-dot', ['all', ['!', ['get', 'arrow']], ['!', ['get', 'offline']]], { 'circle-radius': 5, 'circle-color': statusColour });
  map.addLayer({
    id: 'vehicle-arrow',
    type: 'symbol',
    source: 'vehicles',
    filter: ['all', isVehicle, ['get', 'arrow']],
    layout: {
      'icon-image': ARROW_ICON,
      'icon-rotate': ['get', 'heading'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
    paint: { 'icon-color': statusColour },
  });
  circle('vehicle-selected', ['get', 'selected'], {
    'circle-radius': 13,
    'circle-opacity': 0,
    'circle-stroke-width': 2,
    'circle-stroke-color': SELECTED_COLOUR,
  });
  // A cluster's ring, then its size label on top: two images each shared by every look-alike cluster.
  for (const [id, image] of [
    ['vehicle-clusters', 'icon'],
    ['vehicle-cluster-labels', 'label'],
  ] as const) {
    map.addLayer({
      id,
      type: 'symbol',
      source: 'vehicles',
      filter: ['==', ['get', 'kind'], 'cluster'],
      layout: { 'icon-image': ['get', image], 'icon-allow-overlap': true, 'icon-ignore-placement': true },
    });
  }
}
