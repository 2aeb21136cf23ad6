'use client';

import { useEffect, useRef, useState } from 'react';

import type { FleetStore } from '@/lib/client/fleet-store';
import { CITY_BOUNDS } from '@/lib/fleet/city-bounds';
import type { PlacedMarker } from '@/lib/fleet/map-geometry';
import { clusterMarkers, project, toScreen } from '@/lib/fleet/map-geometry';
import type { VehiclePoint, VehicleView } from '@/lib/realtime/events';

import { attachMapInput } from './map/canvas-input';
import { CanvasViewport } from './map/canvas-viewport';
import { FramePacer } from './map/frame-pacing';
import { GlideTracker } from './map/glides';
import type { DrawnMarkers } from './map/hit-test';
import { hitTest } from './map/hit-test';
import { drawBase, drawClusters, drawTiles, drawTrail, drawVehicles } from './map-draw';
import { MapTooltip } from './map-tooltip';
import type { Hovered } from './map-tooltip';
import { TileCache } from './tile-cache';

/** Below this zoom nearby vehicles gather into clusters; above it every vehicle stands alone. */
const CLUSTER_BELOW_ZOOM = 14;
const CLUSTER_CELL_PX = 44;
/** A jump longer than this (about 1 km, in zoom-0 world pixels) is a vehicle coming back, not driving: it is not animated. */
const MAX_GLIDE_WORLD = 0.005;

interface MapProps {
  store: FleetStore;
  selectedId: string | null;
  trail: readonly VehiclePoint[];
  tileUrl?: string;
  onSelect: (vehicleId: string) => void;
}

/**
 * The live map: a canvas redrawn at most once per animation frame, and only when something
 * changed (a fleet frame, a glide in progress, the view, the pointer). It reads the fleet store's
 * own map instead of React state, so 10,000 vehicles never go through a React render.
 */
export function FleetMap({ store, selectedId, trail, tileUrl, onSelect }: MapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const props = useRef({ selectedId, trail, onSelect });
  const dirty = useRef(true);
  const [hovered, setHovered] = useState<Hovered | null>(null);
  props.current = { selectedId, trail, onSelect };
  useEffect(() => {
    dirty.current = true;
  }, [selectedId, trail]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    return runMap(canvas, store, props, dirty, tileUrl, setHovered);
  }, [store, tileUrl]);

  return (
    <div className="fleet-map">
      <canvas ref={canvasRef} role="img" aria-label="Fleet map" data-testid="fleet-map" data-drawn-vehicles="0" />
      {hovered && <MapTooltip hovered={hovered} />}
      <p className="fleet-map-legend" aria-hidden>
        <span className="dot dot-moving" /> moving <span className="dot dot-idle" /> idle <span className="dot dot-parked" /> parked <span className="dot dot-offline-hollow" /> offline (last position)
        <span className="ring ring-stale" /> delayed / frozen GPS <span className="ring ring-alert" /> open alert
      </p>
    </div>
  );
}

type PropsRef = React.RefObject<{ selectedId: string | null; trail: readonly VehiclePoint[]; onSelect: (vehicleId: string) => void }>;

/**
 * Wires the canvas: the viewport, the glides, the paced render loop and the input, each its own
 * module (components/fleet/map/). Returns the teardown.
 */
function runMap(canvas: HTMLCanvasElement, store: FleetStore, props: PropsRef, dirty: React.RefObject<boolean>, tileUrl: string | undefined, onHover: (hovered: Hovered | null) => void): () => void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return () => undefined;
  const redraw = () => (dirty.current = true);
  const viewport = new CanvasViewport(canvas, ctx, CITY_BOUNDS, redraw);
  const glides = new GlideTracker((vehicle) => project(vehicle.lat, vehicle.lon), MAX_GLIDE_WORLD);
  const pacer = new FramePacer();
  const tiles = tileUrl ? new TileCache(tileUrl, redraw) : undefined;
  let drawn: DrawnMarkers = { singles: [], clusters: [] };
  let seenVersion = -1;

  const draw = (now: number): boolean => {
    const { selectedId, trail } = props.current;
    const view = viewport.current;
    drawBase(ctx, view, CITY_BOUNDS, 'Rotterdam');
    if (tiles) drawTiles(ctx, view, (z, x, y) => tiles.get(z, x, y));
    if (trail.length > 1) drawTrail(ctx, view, trail);
    let gliding = false;
    const markers: PlacedMarker<VehicleView>[] = [];
    for (const vehicle of store.live.values()) {
      const position = glides.positionOf(vehicle.vehicleId, now);
      if (!position) continue;
      gliding ||= glides.isGliding(vehicle.vehicleId, now);
      const at = toScreen(view, position);
      if (at.x < -40 || at.y < -40 || at.x > view.width + 40 || at.y > view.height + 40) continue;
      markers.push({ item: vehicle, x: at.x, y: at.y });
    }
    drawn = view.zoom < CLUSTER_BELOW_ZOOM ? clusterMarkers(markers, CLUSTER_CELL_PX, (vehicle) => vehicle.vehicleId === selectedId) : { singles: markers, clusters: [] };
    drawVehicles(ctx, drawn.singles, selectedId);
    drawClusters(ctx, drawn.clusters);
    canvas.dataset.drawnVehicles = String(markers.length);
    canvas.dataset.clusters = String(drawn.clusters.length);
    canvas.setAttribute('aria-label', `Fleet map: ${markers.length} vehicles in view`);
    return gliding;
  };

  let frame = 0;
  const loop = (now: number) => {
    frame = requestAnimationFrame(loop);
    const wall = Date.now();
    if (store.version !== seenVersion) {
      seenVersion = store.version;
      glides.update(store.live, wall);
      dirty.current = true;
    }
    if (pacer.mayDraw(now, dirty.current)) dirty.current = pacer.draw(now, () => draw(wall));
  };
  frame = requestAnimationFrame(loop);

  const detachInput = attachMapInput(canvas, {
    hover: (at) => {
      const hit = hitTest(drawn, at);
      canvas.style.cursor = hit ? 'pointer' : 'grab';
      onHover(hit);
    },
    click: (at) => {
      const hit = hitTest(drawn, at);
      if (hit?.kind === 'vehicle') props.current.onSelect(hit.vehicle.vehicleId);
      if (hit?.kind === 'cluster') {
        viewport.zoom({ x: hit.x, y: hit.y }, 2);
        onHover(null);
      }
    },
    pan: (dx, dy) => viewport.pan(dx, dy),
    zoom: (at, delta) => {
      viewport.zoom(at, delta);
      onHover(null);
    },
    leave: () => onHover(null),
  });
  return () => {
    cancelAnimationFrame(frame);
    viewport.dispose();
    detachInput();
  };
}
