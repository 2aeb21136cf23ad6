'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSONSource, Map as MapLibreMap, Marker } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';

import type { Trip, TripPoint } from '@/lib/contracts/trip';
import { tripGeoJson } from '@/lib/fleet/trip-export';
import { formatDuration } from '@/lib/format';

import type { MapLibre } from '../map/run-map';
import { createBaseMap } from '../map/run-map';

/** Hovering the map within this many pixels of a route point moves the charts' cursor to its time. */
const HOVER_PX = 24;
const ROUTE_COLOUR = '#58a6ff';

interface TripMapProps {
  trip: Trip;
  /** The time hovered on a chart: a marker shows where the vehicle was then. */
  cursor: TripPoint | undefined;
  onHover: (ts: number | null) => void;
  styleUrl?: string;
}

function addTripLayers(map: MapLibreMap): void {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  map.addSource('trip', { type: 'geojson', data: empty });
  map.addSource('trip-cursor', { type: 'geojson', data: empty });
  map.addLayer({
    id: 'trip-route',
    type: 'line',
    source: 'trip',
    filter: ['==', ['get', 'kind'], 'route'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': ROUTE_COLOUR, 'line-width': 3 },
  });
  map.addLayer({
    id: 'trip-cursor',
    type: 'circle',
    source: 'trip-cursor',
    paint: { 'circle-radius': 7, 'circle-color': '#f0f6fc', 'circle-stroke-color': ROUTE_COLOUR, 'circle-stroke-width': 3 },
  });
}

/** A stop as an HTML marker with its duration, so the label needs no font glyphs from a style. */
function stopMarkers(lib: MapLibre, map: MapLibreMap, trip: Trip): Marker[] {
  return trip.stops.map((stop) => {
    const element = document.createElement('div');
    element.className = `trip-stop${stop.ignitionOff ? ' trip-stop-parked' : ''}`;
    element.dataset.testid = 'trip-stop';
    element.textContent = formatDuration(stop.durationMs / 1000);
    element.title = `Stopped ${formatDuration(stop.durationMs / 1000)}${stop.ignitionOff ? ', ignition off' : ''}`;
    return new lib.Marker({ element }).setLngLat([stop.lon, stop.lat]).addTo(map);
  });
}

function fitRoute(lib: MapLibre, map: MapLibreMap, points: readonly TripPoint[]): void {
  const [first] = points;
  if (!first) return;
  const bounds = new lib.LngLatBounds([first.lon, first.lat], [first.lon, first.lat]);
  for (const point of points) bounds.extend([point.lon, point.lat]);
  map.fitBounds(bounds, { padding: 48, maxZoom: 16, duration: 0 });
}

/** The point of the route nearest to the mouse on screen, if it is close enough to mean it. */
function hoveredPoint(map: MapLibreMap, points: readonly TripPoint[], at: { x: number; y: number }): TripPoint | undefined {
  let best: TripPoint | undefined;
  let bestDistance = HOVER_PX * HOVER_PX;
  for (const point of points) {
    const projected = map.project([point.lon, point.lat]);
    const distance = (projected.x - at.x) ** 2 + (projected.y - at.y) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [point, distance];
  }
  return best;
}

/** The trip's route and stops on the fleet map's base (MapLibre); hovering it reports the time under the mouse. */
export function TripMap({ trip, cursor, onHover, styleUrl }: TripMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const route = useMemo(() => tripGeoJson(trip), [trip]);
  const latest = useRef({ trip, route, onHover });
  latest.current = { trip, route, onHover };
  const [line] = route.features;
  // Split at gaps in the data (a MultiLineString), so no line crosses the hours nothing was heard.
  const lines = line?.geometry.type === 'MultiLineString' ? line.geometry.coordinates.length : 1;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let markers: Marker[] = [];
    void import('maplibre-gl')
      .then((lib) => {
        if (cancelled) return;
        const map = createBaseMap(lib, container, styleUrl, null);
        mapRef.current = map;
        map.on('load', () => {
          addTripLayers(map);
          const { trip: shown, route: drawn } = latest.current;
          map.getSource<GeoJSONSource>('trip')?.setData(drawn as never);
          markers = stopMarkers(lib, map, shown);
          fitRoute(lib, map, shown.points);
          setReady(true);
        });
        map.on('mousemove', (event) => latest.current.onHover(hoveredPoint(map, latest.current.trip.points, event.point)?.ts ?? null));
        map.on('mouseout', () => latest.current.onHover(null));
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      for (const marker of markers) marker.remove();
      mapRef.current?.remove();
      mapRef.current = null;
    };
    // The view remounts the map per trip (keyed), so the map is built once per trip.
  }, [styleUrl]);

  useEffect(() => {
    const data = cursor ? { type: 'Point' as const, coordinates: [cursor.lon, cursor.lat] } : { type: 'FeatureCollection' as const, features: [] };
    if (ready) mapRef.current?.getSource<GeoJSONSource>('trip-cursor')?.setData(data as never);
  }, [cursor, ready]);

  return (
    <div className="fleet-map trip-map">
      <div
        ref={containerRef}
        className="fleet-map-canvas"
        role="region"
        aria-label={`Route of ${trip.vehicleId}: ${trip.points.length} points, ${trip.stops.length} stops${lines > 1 ? `, ${lines} lines between gaps in the data` : ''}`}
        data-testid="trip-map"
        data-ready={String(ready)}
        data-route-points={trip.points.length}
        data-route-lines={lines}
        data-cursor-ts={cursor?.ts ?? ''}
      />
      {failure && (
        <p className="empty" role="alert">
          The map cannot be drawn here ({failure}); the charts and figures still work.
        </p>
      )}
    </div>
  );
}
