'use client';

import { useEffect, useRef, useState } from 'react';

import type { FleetStore } from '@/lib/client/fleet-store';
import { CITY_BOUNDS } from '@/lib/fleet/city-bounds';
import type { Cluster, PlacedMarker, Viewport, WorldPoint } from '@/lib/fleet/map-geometry';
import { clusterMarkers, fitBounds, glide, panBy, project, toScreen, zoomAt } from '@/lib/fleet/map-geometry';
import type { VehiclePoint, VehicleView } from '@/lib/realtime/events';

import { clusterRadius, drawBase, drawClusters, drawTiles, drawTrail, drawVehicles } from './map-draw';
import { MapTooltip } from './map-tooltip';
import type { Hovered } from './map-tooltip';
import { TileCache } from './tile-cache';

/** Below this zoom nearby vehicles gather into clusters; above it every vehicle stands alone. */
const CLUSTER_BELOW_ZOOM = 14;
const CLUSTER_CELL_PX = 44;
/** A vehicle glides to its new fix over the time between its fixes, at most this long. */
const MAX_GLIDE_MS = 2_000;
/** A jump longer than this (about 1 km) is a vehicle coming back, not driving: it is not animated. */
const MAX_GLIDE_WORLD = 0.005;
const HIT_RADIUS_PX = 9;

interface GlideState {
  from: WorldPoint;
  to: WorldPoint;
  startedAt: number;
  durationMs: number;
  ts: number;
}

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

/** Wires the canvas: render loop, pointer and wheel. Returns the teardown. */
function runMap(canvas: HTMLCanvasElement, store: FleetStore, props: PropsRef, dirty: React.RefObject<boolean>, tileUrl: string | undefined, onHover: (hovered: Hovered | null) => void): () => void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return () => undefined;
  let viewport: Viewport = fitBounds(CITY_BOUNDS, canvas.clientWidth || 800, canvas.clientHeight || 500);
  const glides = new Map<string, GlideState>();
  let seenVersion = -1;
  let drawn: { singles: PlacedMarker<VehicleView>[]; clusters: Cluster<VehicleView>[] } = { singles: [], clusters: [] };
  let frame = 0;
  let pointer: WorldPoint | null = null;
  let drag: { x: number; y: number; moved: boolean } | null = null;
  const tiles = tileUrl ? new TileCache(tileUrl, () => (dirty.current = true)) : undefined;

  const resize = () => {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    viewport = { ...viewport, width, height };
    dirty.current = true;
  };
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);
  resize();
  viewport = fitBounds(CITY_BOUNDS, viewport.width, viewport.height);

  const updateGlides = (now: number) => {
    for (const vehicle of store.live.values()) {
      const target = project(vehicle.lat, vehicle.lon);
      const current = glides.get(vehicle.vehicleId);
      if (!current) {
        glides.set(vehicle.vehicleId, { from: target, to: target, startedAt: now, durationMs: 0, ts: vehicle.ts });
        continue;
      }
      if (current.ts === vehicle.ts) continue;
      const position = glide(current.from, current.to, current.startedAt, current.durationMs, now);
      const far = Math.abs(target.x - position.x) + Math.abs(target.y - position.y) > MAX_GLIDE_WORLD;
      const durationMs = far || vehicle.freshness === 'offline' ? 0 : Math.min(MAX_GLIDE_MS, Math.max(0, vehicle.ts - current.ts));
      glides.set(vehicle.vehicleId, { from: position, to: target, startedAt: now, durationMs, ts: vehicle.ts });
    }
    for (const vehicleId of glides.keys()) if (!store.live.has(vehicleId)) glides.delete(vehicleId);
  };

  const draw = (now: number) => {
    const { selectedId, trail } = props.current;
    drawBase(ctx, viewport, CITY_BOUNDS, 'Rotterdam');
    if (tiles) drawTiles(ctx, viewport, (z, x, y) => tiles.get(z, x, y));
    if (trail.length > 1) drawTrail(ctx, viewport, trail);
    let gliding = false;
    const markers: PlacedMarker<VehicleView>[] = [];
    for (const vehicle of store.live.values()) {
      const state = glides.get(vehicle.vehicleId);
      if (!state) continue;
      if (state.durationMs > 0 && now < state.startedAt + state.durationMs) gliding = true;
      const at = toScreen(viewport, glide(state.from, state.to, state.startedAt, state.durationMs, now));
      if (at.x < -40 || at.y < -40 || at.x > viewport.width + 40 || at.y > viewport.height + 40) continue;
      markers.push({ item: vehicle, x: at.x, y: at.y });
    }
    drawn = viewport.zoom < CLUSTER_BELOW_ZOOM ? clusterMarkers(markers, CLUSTER_CELL_PX, (vehicle) => vehicle.vehicleId === selectedId) : { singles: markers, clusters: [] };
    drawVehicles(ctx, drawn.singles, selectedId);
    drawClusters(ctx, drawn.clusters);
    canvas.dataset.drawnVehicles = String(markers.length);
    canvas.dataset.clusters = String(drawn.clusters.length);
    canvas.setAttribute('aria-label', `Fleet map: ${markers.length} vehicles in view`);
    return gliding;
  };

  // When a draw is expensive (10,000 vehicles on a software canvas), the next waits at least as long
  // again, so drawing never takes more than half the page's time and input and frames stay smooth.
  let lastDrawAt = 0;
  let lastDrawCost = 0;
  const loop = (now: number) => {
    frame = requestAnimationFrame(loop);
    const wall = Date.now();
    if (store.version !== seenVersion) {
      seenVersion = store.version;
      updateGlides(wall);
      dirty.current = true;
    }
    if (!dirty.current || now - lastDrawAt < lastDrawCost * 2) return;
    lastDrawAt = now;
    const started = performance.now();
    dirty.current = draw(wall);
    lastDrawCost = performance.now() - started;
  };
  frame = requestAnimationFrame(loop);

  const hitTest = (at: WorldPoint): Hovered | null => {
    for (const cluster of drawn.clusters) {
      const r = clusterRadius(cluster.members.length);
      if ((cluster.x - at.x) ** 2 + (cluster.y - at.y) ** 2 <= r * r) return { kind: 'cluster', x: cluster.x, y: cluster.y, members: cluster.members };
    }
    let best: PlacedMarker<VehicleView> | undefined;
    let bestDistance = HIT_RADIUS_PX * HIT_RADIUS_PX;
    for (const marker of drawn.singles) {
      const distance = (marker.x - at.x) ** 2 + (marker.y - at.y) ** 2;
      if (distance <= bestDistance) {
        best = marker;
        bestDistance = distance;
      }
    }
    return best ? { kind: 'vehicle', x: best.x, y: best.y, vehicle: best.item } : null;
  };
  const local = (event: MouseEvent): WorldPoint => {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const onMove = (event: MouseEvent) => {
    pointer = local(event);
    if (drag) {
      const dx = pointer.x - drag.x;
      const dy = pointer.y - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 0) {
        viewport = panBy(viewport, dx, dy);
        drag = { x: pointer.x, y: pointer.y, moved: drag.moved || Math.abs(dx) + Math.abs(dy) > 2 };
        dirty.current = true;
      }
      return;
    }
    const hit = hitTest(pointer);
    canvas.style.cursor = hit ? 'pointer' : 'grab';
    onHover(hit);
  };
  const onDown = (event: MouseEvent) => {
    const at = local(event);
    drag = { x: at.x, y: at.y, moved: false };
  };
  const onUp = (event: MouseEvent) => {
    const wasDrag = drag?.moved ?? false;
    drag = null;
    if (wasDrag) return;
    const hit = hitTest(local(event));
    if (hit?.kind === 'vehicle') props.current.onSelect(hit.vehicle.vehicleId);
    if (hit?.kind === 'cluster') {
      viewport = zoomAt(viewport, { x: hit.x, y: hit.y }, 2);
      dirty.current = true;
      onHover(null);
    }
  };
  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    viewport = zoomAt(viewport, local(event), -event.deltaY / 400);
    dirty.current = true;
    onHover(null);
  };
  const onLeave = () => {
    pointer = null;
    drag = null;
    onHover(null);
  };
  canvas.addEventListener('mousemove', onMove);
  canvas.addEventListener('mousedown', onDown);
  canvas.addEventListener('mouseup', onUp);
  canvas.addEventListener('mouseleave', onLeave);
  canvas.addEventListener('wheel', onWheel, { passive: false });
  return () => {
    cancelAnimationFrame(frame);
    observer.disconnect();
    canvas.removeEventListener('mousemove', onMove);
    canvas.removeEventListener('mousedown', onDown);
    canvas.removeEventListener('mouseup', onUp);
    canvas.removeEventListener('mouseleave', onLeave);
    canvas.removeEventListener('wheel', onWheel);
  };
}
