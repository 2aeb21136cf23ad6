'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';

import type { FleetStore } from '@/lib/client/fleet-store';
import type { ListQuery } from '@/lib/fleet/list-query';
import type { VehiclePoint } from '@/lib/realtime/events';

import type { Hit } from './map/hit-test';
import type { MapHandle, MapInputs } from './map/run-map';
import { runMap } from './map/run-map';
import { MapControls } from './map-controls';
import { MapTooltip } from './map-tooltip';

interface MapProps {
  store: FleetStore;
  selectedId: string | null;
  trail: readonly VehiclePoint[];
  /** FLEET_MAP_STYLE_URL; unset, the map draws the simulator's own streets. */
  styleUrl?: string;
  /** The list's search and filters: the map draws only the vehicles they leave, and "fit to list" fits to them. */
  query: ListQuery;
  following: boolean;
  onFollowChange: (following: boolean) => void;
  onSelect: (vehicleId: string) => void;
}

/**
 * The live map (MapLibre GL): base map and vehicles in WebGL layers, fed straight from the fleet
 * store's own map, so 10,000 vehicles never go through a React render.
 */
export function FleetMap({ store, selectedId, trail, styleUrl, query, following, onFollowChange, onSelect }: MapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const handle = useRef<MapHandle | null>(null);
  const [hovered, setHovered] = useState<Hit | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const inputs = useRef<MapInputs>({ store, selectedId, trail, following, query, onSelect, onHover: setHovered, onFollowLost: () => onFollowChange(false) });
  inputs.current = {
    store,
    selectedId,
    trail,
    following: following && selectedId !== null,
    query,
    onSelect,
    onHover: setHovered,
    onFollowLost: () => onFollowChange(false),
  };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    // Loaded in the browser only: MapLibre needs `window` and WebGL.
    void import('maplibre-gl')
      .then((lib) => {
        if (!cancelled) handle.current = runMap(lib, container, inputs, styleUrl);
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [styleUrl]);

  return (
    <div className="fleet-map">
      <div
        ref={containerRef}
        className="fleet-map-canvas"
        role="region"
        aria-label="Fleet map"
        data-testid="fleet-map"
        data-drawn-vehicles="0"
        data-following={String(following && selectedId !== null)}
      />
      {failure && (
        <p className="empty" role="alert">
          The map cannot be drawn here ({failure}); the list still works.
        </p>
      )}
      {hovered && <MapTooltip hovered={hovered} />}
      <MapControls
        selectedId={selectedId}
        following={following}
        onFitList={() => handle.current?.fitTo(query)}
        onFitSelection={() => handle.current?.fitToSelection()}
        onFollowChange={onFollowChange}
      />
      <p className="fleet-map-legend" aria-hidden>
        <span className="dot dot-moving" /> moving <span className="dot dot-idle" /> idle <span className="dot dot-parked" /> parked{' '}
        <span className="dot dot-offline-hollow" /> offline (last position)
        <span className="ring ring-stale" /> delayed / frozen GPS <span className="ring ring-alert" /> open alert
      </p>
    </div>
  );
}
