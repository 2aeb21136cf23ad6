import type * as MapLibreGl from 'maplibre-gl';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

import type { FleetStore } from '@/lib/client/fleet-store';
import { CITY_BOUNDS } from '@/lib/fleet/city-bounds';
import type { ListQuery } from '@/lib/fleet/list-query';
import { queryVehicles, vehicleFilter } from '@/lib/fleet/list-query';
import type { PlacedMarker } from '@/lib/fleet/map-geometry';
import { clusterMarkers, MAX_ZOOM } from '@/lib/fleet/map-geometry';
import { readMapView, setOrDelete, writeMapView } from '@/lib/fleet/url-view';
import type { VehiclePoint, VehicleView } from '@/lib/realtime/events';

import { streetStyle } from './base-style';
import { FramePacer, motionIntervalMs } from './frame-pacing';
import { GlideTracker } from './glides';
import type { DrawnMarkers, Hit } from './hit-test';
import { hitTest } from './hit-test';
import { addMissingClusterIcons, addVehicleLayers, trailCollection, vehicleCollection } from './vehicle-layers';

export type MapLibre = typeof MapLibreGl;

/** Below this (MapLibre) zoom nearby vehicles gather into clusters; above it every vehicle stands alone. */
const CLUSTER_BELOW_ZOOM = 13;
const CLUSTER_CELL_PX = 44;
/** A jump longer than this (about 1 km, |Δlon| + |Δlat| in degrees) is a vehicle coming back, not driving: it is not animated. */
const MAX_GLIDE_DEGREES = 0.012;
/** Fitting the map to vehicles never zooms in further than a street's width. */
const FIT_MAX_ZOOM = 16;
const FIT_PADDING_PX = 48;
/** The URL follows the map after it settles, not on every frame of a pan or a follow. */
const URL_WRITE_DELAY_MS = 400;
const CULL_MARGIN_PX = 40;
/** MapLibre's world is 512 px wide at zoom 0. */
const WORLD_PX_AT_ZOOM_0 = 512;

export interface MapInputs {
  /**
   * The fleet drawn: the live store, or time travel's past one. Switching it keeps the map (style,
   * streets, WebGL context, camera) and only redraws the vehicles, without gliding across the jump.
   */
  store: FleetStore;
  selectedId: string | null;
  trail: readonly VehiclePoint[];
  following: boolean;
  /** The list's search and filters: the map draws the same vehicles the list shows. */
  query: ListQuery;
  onSelect: (vehicleId: string) => void;
  onHover: (hit: Hit | null) => void;
  /** The person moved the map themselves: following stops. */
  onFollowLost: () => void;
}

/** What the map's controls can ask of a running map. */
export interface MapHandle {
  fitTo(query: ListQuery): void;
  fitToSelection(): void;
  destroy(): void;
}

/**
 * The map every fleet view draws on: the configured style (or the simulator's streets), MapLibre's
 * worker from this site, zoom buttons, the city fitted unless a view is given.
 */
export function createBaseMap(
  lib: MapLibre,
  container: HTMLElement,
  styleUrl: string | undefined,
  view: { center: [number, number]; zoom: number } | null | undefined,
): MapLibreMap {
  lib.setWorkerUrl(new URL('/api/fleet/map-worker', window.location.href).href);
  const map: MapLibreMap = new lib.Map({
    container,
    style: styleUrl ?? streetStyle(new URL('/api/fleet/streets', window.location.href).href),
    ...(view ? { center: view.center, zoom: view.zoom } : { bounds: [CITY_BOUNDS.minLon, CITY_BOUNDS.minLat, CITY_BOUNDS.maxLon, CITY_BOUNDS.maxLat] }),
    attributionControl: styleUrl ? { compact: true } : false,
    maxZoom: MAX_ZOOM,
    // Symbols fading in and out would repaint the whole map for 300 ms after every vehicle update.
    fadeDuration: 0,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  map.addControl(new lib.NavigationControl({ showCompass: false }), 'top-right');
  // The browser tests ask the real map what it drew (rendered features, centre); nothing else reads it.
  Object.defineProperty(container, 'fleetMap', { value: map, configurable: true });
  return map;
}

/**
 * MapLibre draws the base (the configured style, or the simulator's streets) and the vehicles in
 * its own layers; this loop feeds them from the fleet store: glided positions, screen-space
 * clusters, culling, at a pace the draw cost allows. Hit testing runs on the same placed markers.
 */
export function runMap(lib: MapLibre, container: HTMLElement, inputs: { current: MapInputs }, styleUrl: string | undefined): MapHandle {
  const map = createBaseMap(lib, container, styleUrl, readMapView(new URLSearchParams(window.location.search)));
  const newGlides = () => new GlideTracker((vehicle) => ({ x: vehicle.lon, y: vehicle.lat }), MAX_GLIDE_DEGREES);
  let glides = newGlides();
  let store = inputs.current.store;
  const pacer = new FramePacer();
  let ready = false;
  // A change of view (camera, filter, selection, trail) is drawn at once; the fleet's motion at its own pace.
  let viewChanged = true;
  let moving = true;
  let motionWaitMs = 0;
  let seenVersion = -1;
  let seenReplacements = -1;
  let drawnTrail: readonly VehiclePoint[] | undefined;
  let drawnSelectedId: string | null | undefined;
  let drawn: DrawnMarkers = { singles: [], clusters: [] };
  let drawnQuery: ListQuery | undefined;
  let shows: (vehicle: VehicleView) => boolean = () => true;

  map.on('load', () => {
    addVehicleLayers(map);
    ready = true;
    viewChanged = true;
  });
  map.on('move', () => (viewChanged = true));
  map.on('error', (event) => console.warn('fleet map:', event.error.message));

  /** Draws the fleet as it is at `now`; returns the fastest drawn vehicle's speed on screen (px/ms, 0 when none glides). */
  const draw = (now: number): number => {
    const { selectedId, trail, query } = inputs.current;
    drawnSelectedId = selectedId;
    if (query !== drawnQuery) {
      drawnQuery = query;
      shows = vehicleFilter(query);
    }
    if (trail !== drawnTrail) {
      drawnTrail = trail;
      map.getSource<GeoJSONSource>('trail')?.setData(trailCollection(trail));
    }
    const width = container.clientWidth;
    const height = container.clientHeight;
    const markers: PlacedMarker<VehicleView>[] = [];
    const positions = new Map<string, [number, number]>();
    for (const vehicle of store.live.values()) {
      if (vehicle.vehicleId !== selectedId && !shows(vehicle)) continue;
      const position = glides.positionOf(vehicle.vehicleId, now);
      if (!position) continue;
      const at = map.project([position.x, position.y]);
      if (at.x < -CULL_MARGIN_PX || at.y < -CULL_MARGIN_PX || at.x > width + CULL_MARGIN_PX || at.y > height + CULL_MARGIN_PX) continue;
      markers.push({ item: vehicle, x: at.x, y: at.y });
      positions.set(vehicle.vehicleId, [position.x, position.y]);
    }
    drawn =
      map.getZoom() < CLUSTER_BELOW_ZOOM
        ? clusterMarkers(markers, CLUSTER_CELL_PX, (vehicle) => vehicle.vehicleId === selectedId)
        : { singles: markers, clusters: [] };
    const collection = vehicleCollection(
      drawn,
      selectedId,
      (id) => positions.get(id),
      (x, y) => map.unproject([x, y]).toArray() as [number, number],
    );
    addMissingClusterIcons(map, collection);
    map.getSource<GeoJSONSource>('vehicles')?.setData(collection as never);
    container.dataset.drawnVehicles = String(markers.length);
    container.dataset.clusters = String(drawn.clusters.length);
    container.setAttribute('aria-label', `Fleet map: ${markers.length} vehicles in view`);
    return fastestOnScreen(drawn.singles, now);
  };

  /** The fastest lone vehicle's speed on screen, px/ms: one inside a cluster moves the cluster by a fraction of its motion. */
  const fastestOnScreen = (singles: readonly PlacedMarker<VehicleView>[], now: number): number => {
    const pxPerDegree = (WORLD_PX_AT_ZOOM_0 * 2 ** map.getZoom()) / 360;
    let fastest = 0;
    for (const { item: vehicle } of singles) {
      const velocity = glides.velocityOf(vehicle.vehicleId, now);
      // Mercator stretches latitude by 1 / cos(lat); |dx| + |dy| overestimates a little, never under.
      if (velocity) fastest = Math.max(fastest, (Math.abs(velocity.x) + Math.abs(velocity.y) / Math.cos((vehicle.lat * Math.PI) / 180)) * pxPerDegree);
    }
    return fastest;
  };

  const follow = (now: number) => {
    const { following, selectedId } = inputs.current;
    const position = following && selectedId ? glides.positionOf(selectedId, now) : undefined;
    if (!position) return;
    const center = map.getCenter();
    if (Math.abs(center.lng - position.x) + Math.abs(center.lat - position.y) > 1e-7) map.jumpTo({ center: [position.x, position.y] });
  };

  let frame = 0;
  const loop = (now: number) => {
    frame = requestAnimationFrame(loop);
    if (!ready) return;
    const wall = Date.now();
    if (inputs.current.store !== store) {
      store = inputs.current.store;
      glides = newGlides();
      seenVersion = -1;
      viewChanged = true;
    }
    if (store.version !== seenVersion) moving = true;
    if (store.replacements !== seenReplacements) {
      seenReplacements = store.replacements;
      viewChanged = true;
    }
    const { trail, query, selectedId } = inputs.current;
    if (trail !== drawnTrail || query !== drawnQuery || selectedId !== drawnSelectedId) viewChanged = true;
    follow(wall);
    if (!pacer.mayDraw(now, viewChanged || moving, viewChanged ? 0 : motionWaitMs)) return;
    viewChanged = false;
    // New fixes start their glides when they are drawn, not on every frame a push arrives: with
    // 50,000 vehicles that walk is most of a frame's budget.
    if (store.version !== seenVersion) {
      seenVersion = store.version;
      glides.update(store.live, wall);
    }
    const fastest = pacer.draw(now, () => draw(wall));
    moving = fastest > 0;
    motionWaitMs = motionIntervalMs(fastest);
  };
  frame = requestAnimationFrame(loop);

  map.on('mousemove', (event) => {
    const hit = hitTest(drawn, event.point);
    map.getCanvas().style.cursor = hit ? 'pointer' : '';
    inputs.current.onHover(hit);
  });
  map.on('mouseout', () => inputs.current.onHover(null));
  map.on('click', (event) => {
    const hit = hitTest(drawn, event.point);
    if (hit?.kind === 'vehicle') inputs.current.onSelect(hit.vehicle.vehicleId);
    if (hit?.kind === 'cluster') {
      map.easeTo({ center: map.unproject([hit.x, hit.y]), zoom: map.getZoom() + 2 });
      inputs.current.onHover(null);
    }
  });
  // A drag or a fit is the person taking the map back from "follow".
  map.on('dragstart', () => inputs.current.onFollowLost());

  // The view goes into the URL once it differs from the one the page opened with, so a plain link
  // stays plain until someone moves the map (or fits or follows).
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  let viewWritten = false;
  const viewParams = () => {
    const params = new URLSearchParams(window.location.search);
    writeMapView(params, { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() });
    return params;
  };
  // The camera as constructed (the link's view, or the city fitted): a resize keeps it, a person's move does not.
  const openedWith = { c: viewParams().get('c'), z: viewParams().get('z') };
  map.on('moveend', () => {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      const params = viewParams();
      if (!viewWritten && params.get('c') === openedWith.c && params.get('z') === openedWith.z) return;
      viewWritten = true;
      setOrDelete(params, 'follow', inputs.current.following ? '1' : undefined);
      window.history.replaceState(null, '', `?${params.toString()}`);
    }, URL_WRITE_DELAY_MS);
  });

  const fitPositions = (positions: [number, number][]) => {
    inputs.current.onFollowLost();
    const [first] = positions;
    if (!first) return;
    if (positions.length === 1) return map.easeTo({ center: first, zoom: Math.max(map.getZoom(), FIT_MAX_ZOOM - 1) });
    const bounds = new lib.LngLatBounds(first, first);
    for (const position of positions) bounds.extend(position);
    map.fitBounds(bounds, { padding: FIT_PADDING_PX, maxZoom: FIT_MAX_ZOOM });
  };
  return {
    fitTo: (query) => fitPositions(queryVehicles(inputs.current.store.live.values(), query).map((vehicle) => [vehicle.lon, vehicle.lat])),
    fitToSelection: () => {
      const { selectedId, trail } = inputs.current;
      const vehicle = selectedId ? inputs.current.store.live.get(selectedId) : undefined;
      if (vehicle) fitPositions([...trail.map((point): [number, number] => [point.lon, point.lat]), [vehicle.lon, vehicle.lat]]);
    },
    destroy: () => {
      cancelAnimationFrame(frame);
      clearTimeout(urlTimer);
      map.remove();
    },
  };
}
