import type { Zone, ZoneShape } from '@/lib/contracts/campus';

/** A zone on the campus plan plus how strongly it draws people during the working day. */
export interface ZonePlan extends Zone {
  /** Share of the people on campus found here outside arrivals, departures and lunch. */
  dayWeight: number;
}

const rect = (x: number, y: number, width: number, height: number): ZoneShape => ({ type: 'rect', x, y, width, height });

// A 300 x 200 m plan, origin at the south-west corner; zones share walls but never overlap.
const PLAN: readonly (Omit<ZonePlan, 'sensors'> & { sensorCount: number })[] = [
  { zoneId: 'parking', name: 'Parking', capacity: 400, sensorCount: 3, dayWeight: 0, shape: rect(0, 0, 70, 120) },
  { zoneId: 'plaza', name: 'Entrance plaza', capacity: 300, sensorCount: 2, dayWeight: 0.03, shape: rect(0, 120, 110, 80) },
  { zoneId: 'lobby', name: 'Lobby', capacity: 150, sensorCount: 2, dayWeight: 0.04, shape: rect(70, 80, 40, 40) },
  { zoneId: 'offices', name: 'Offices', capacity: 120, sensorCount: 2, dayWeight: 0.1, shape: rect(70, 0, 40, 80) },
  { zoneId: 'main-hall', name: 'Main hall', capacity: 500, sensorCount: 4, dayWeight: 0.2, shape: rect(110, 60, 90, 80) },
  { zoneId: 'lecture-a', name: 'Lecture room A', capacity: 150, sensorCount: 2, dayWeight: 0.12, shape: rect(110, 0, 50, 60) },
  { zoneId: 'lecture-b', name: 'Lecture room B', capacity: 150, sensorCount: 2, dayWeight: 0.12, shape: rect(160, 0, 50, 60) },
  { zoneId: 'lab', name: 'Lab', capacity: 100, sensorCount: 3, dayWeight: 0.08, shape: rect(210, 0, 60, 60) },
  { zoneId: 'cafeteria', name: 'Cafeteria', capacity: 300, sensorCount: 3, dayWeight: 0.04, shape: rect(200, 60, 60, 60) },
  { zoneId: 'meeting-rooms', name: 'Meeting rooms', capacity: 80, sensorCount: 2, dayWeight: 0.06, shape: rect(260, 60, 40, 60) },
  { zoneId: 'auditorium', name: 'Auditorium', capacity: 400, sensorCount: 4, dayWeight: 0.11, shape: rect(200, 120, 100, 80) },
  {
    zoneId: 'courtyard',
    name: 'Courtyard',
    capacity: 200,
    sensorCount: 2,
    dayWeight: 0.05,
    shape: {
      type: 'polygon',
      points: [
        [110, 140],
        [200, 140],
        [200, 200],
        [140, 200],
      ],
    },
  },
];

export const PLAN_SIZE = { width: 300, height: 200 } as const;

export const CAMPUS_ZONES: readonly ZonePlan[] = PLAN.map(({ sensorCount, ...zone }) => ({
  ...zone,
  sensors: Array.from({ length: sensorCount }, (_, i) => `sensor-${zone.zoneId}-${i + 1}`),
}));

/** The `campus.zones` record: the contract's fields only. */
export function zoneRecord({ dayWeight: _dayWeight, ...zone }: ZonePlan): Zone {
  return zone;
}

export function zoneIndex(zoneId: string): number {
  return CAMPUS_ZONES.findIndex((zone) => zone.zoneId === zoneId);
}

export function containsPoint(shape: ZoneShape, x: number, y: number): boolean {
  if (shape.type === 'rect') return x >= shape.x && x <= shape.x + shape.width && y >= shape.y && y <= shape.y + shape.height;
  // Ray casting: odd number of edge crossings means inside.
  let inside = false;
  const { points } = shape;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i] ?? [0, 0];
    const [xj, yj] = points[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
