import type { Cluster, PlacedMarker, WorldPoint } from '@/lib/fleet/map-geometry';
import type { VehicleView } from '@/lib/realtime/events';

/** A pointer this close (CSS px) to a vehicle's centre is on it. */
export const HIT_RADIUS_PX = 9;

export type Hit = { kind: 'vehicle'; x: number; y: number; vehicle: VehicleView } | { kind: 'cluster'; x: number; y: number; members: readonly VehicleView[] };

export interface DrawnMarkers {
  singles: readonly PlacedMarker<VehicleView>[];
  clusters: readonly Cluster<VehicleView>[];
}

/** On screen a cluster is a disc this large, growing slowly with its size. */
export function clusterRadius(size: number): number {
  return 10 + Math.min(14, Math.log2(size) * 2.5);
}

/** What is under the pointer (screen px): a cluster first (drawn on top), else the nearest vehicle within the hit radius. */
export function hitTest(drawn: DrawnMarkers, at: WorldPoint, hitRadiusPx = HIT_RADIUS_PX): Hit | null {
  for (const cluster of drawn.clusters) {
    const r = clusterRadius(cluster.members.length);
    if ((cluster.x - at.x) ** 2 + (cluster.y - at.y) ** 2 <= r * r) return { kind: 'cluster', x: cluster.x, y: cluster.y, members: cluster.members };
  }
  let best: PlacedMarker<VehicleView> | undefined;
  let bestDistance = hitRadiusPx * hitRadiusPx;
  for (const marker of drawn.singles) {
    const distance = (marker.x - at.x) ** 2 + (marker.y - at.y) ** 2;
    if (distance <= bestDistance) {
      best = marker;
      bestDistance = distance;
    }
  }
  return best ? { kind: 'vehicle', x: best.x, y: best.y, vehicle: best.item } : null;
}
