import type { Point } from './geo';
import { bearingDeg, CITY_HEIGHT_M, CITY_WIDTH_M, distanceM } from './geo';
import type { Rng } from './random';
import { between, chance, itemAt } from './random';

export type RoadKind = 'ring' | 'arterial' | 'street';

/** One direction of a road between two neighbouring junctions. */
export interface Road {
  from: number;
  to: number;
  lengthM: number;
  limitKmh: number;
  headingDeg: number;
  kind: RoadKind;
  roadworks: boolean;
}

export interface Junction extends Point {
  id: number;
  light: boolean;
  onRing: boolean;
}

export interface City {
  junctions: Junction[];
  roads: Road[];
  /** Roads leaving each junction, indexed by junction id. */
  outgoing: Road[][];
}

// A jittered street grid about 750 m apart; the outer rows and columns form the ring road.
const COLS = 17;
const ROWS = 14;
const MARGIN_M = 400;
const JITTER_M = 120;
// The Maas runs between these rows: only the ring and the arterials cross it (bridges and tunnels).
const RIVER_SOUTH_ROW = 6;

export function buildCity(rng: Rng): City {
  const junctions = buildJunctions(rng);
  const roads: Road[] = [];
  for (let row = 0; row < ROWS; row++) {
    for (let col = 0; col < COLS; col++) {
      if (col + 1 < COLS) addRoadPair(roads, junctions, rng, [row, col], [row, col + 1]);
      if (row + 1 < ROWS && (row !== RIVER_SOUTH_ROW || isArterialCol(col))) {
        addRoadPair(roads, junctions, rng, [row, col], [row + 1, col]);
      }
    }
  }
  const outgoing = junctions.map((): Road[] => []);
  for (const road of roads) itemAt(outgoing, road.from).push(road);
  for (const junction of junctions) junction.light = !junction.onRing && hasLight(rng, itemAt(outgoing, junction.id));
  return { junctions, roads, outgoing };
}

export function junctionId(row: number, col: number): number {
  return row * COLS + col;
}

export function roadFrom(city: City, from: number, to: number): Road {
  const road = itemAt(city.outgoing, from).find((candidate) => candidate.to === to);
  if (!road) throw new Error(`no road from junction ${from} to ${to}`);
  return road;
}

function buildJunctions(rng: Rng): Junction[] {
  const junctions: Junction[] = [];
  const dx = (CITY_WIDTH_M - 2 * MARGIN_M) / (COLS - 1);
  const dy = (CITY_HEIGHT_M - 2 * MARGIN_M) / (ROWS - 1);
  for (let row = 0; row < ROWS; row++) {
    for (let col = 0; col < COLS; col++) {
      const onRing = row === 0 || col === 0 || row === ROWS - 1 || col === COLS - 1;
      const x = MARGIN_M + col * dx + between(rng, -JITTER_M, JITTER_M);
      const y = MARGIN_M + row * dy + between(rng, -JITTER_M, JITTER_M);
      junctions.push({ id: junctionId(row, col), x, y, light: false, onRing });
    }
  }
  return junctions;
}

function addRoadPair(roads: Road[], junctions: Junction[], rng: Rng, a: [number, number], b: [number, number]): void {
  const kind = roadKind(a, b);
  const limitKmh = speedLimit(kind, rng);
  const roadworks = kind !== 'ring' && chance(rng, 0.02);
  const from = itemAt(junctions, junctionId(...a));
  const to = itemAt(junctions, junctionId(...b));
  for (const [start, end] of [
    [from, to],
    [to, from],
  ] as const) {
    const lengthM = distanceM(start, end);
    roads.push({ from: start.id, to: end.id, lengthM, limitKmh, headingDeg: bearingDeg(start, end), kind, roadworks });
  }
}

function roadKind([rowA, colA]: [number, number], [rowB]: [number, number]): RoadKind {
  const horizontal = rowA === rowB;
  if (horizontal && (rowA === 0 || rowA === ROWS - 1)) return 'ring';
  if (!horizontal && (colA === 0 || colA === COLS - 1)) return 'ring';
  if (horizontal ? rowA % 4 === 1 : isArterialCol(colA)) return 'arterial';
  return 'street';
}

function isArterialCol(col: number): boolean {
  return col % 4 === 0 || col === COLS - 1;
}

function speedLimit(kind: RoadKind, rng: Rng): number {
  if (kind === 'ring') return chance(rng, 0.6) ? 100 : 80;
  if (kind === 'arterial') return chance(rng, 0.3) ? 70 : 50;
  return chance(rng, 0.45) ? 30 : 50;
}

function hasLight(rng: Rng, roads: readonly Road[]): boolean {
  const busy = roads.some((road) => road.kind === 'arterial');
  return chance(rng, busy ? 0.85 : 0.35);
}

/** Whether the road is one of the river's crossings (a bridge or tunnel of the ring or an arterial). */
export function crossesRiver(road: Pick<Road, 'from' | 'to'>): boolean {
  return Math.min(Math.floor(road.from / COLS), Math.floor(road.to / COLS)) === RIVER_SOUTH_ROW && Math.abs(road.from - road.to) === COLS;
}

/**
 * The river's banks, west to east: at each column the south and north bank (metres north), a
 * third of the way in from the two rows of junctions it flows between, so no junction is wet.
 */
export function riverBanks(city: City): { x: number; south: number; north: number }[] {
  const banks: { x: number; south: number; north: number }[] = [];
  for (let col = 0; col < COLS; col++) {
    const south = itemAt(city.junctions, junctionId(RIVER_SOUTH_ROW, col));
    const north = itemAt(city.junctions, junctionId(RIVER_SOUTH_ROW + 1, col));
    const gap = north.y - south.y;
    banks.push({ x: (south.x + north.x) / 2, south: south.y + gap / 3, north: north.y - gap / 3 });
  }
  return banks;
}
