import type { VehiclePoint } from '@/lib/realtime/events';

/** The numbers kept per point, in this order; a missing container temperature is NaN. */
const FIELDS = 8;

/**
 * One vehicle's recent points, in time order, as numbers in one growing Float64Array rather than
 * an object per point: 10,000 vehicles at 1 Hz keep 9 million points in 15 minutes, about 0.6 GB
 * this way against several GB as objects.
 */
export class VehicleHistory {
  private data = new Float64Array(FIELDS * 16);
  private count = 0;

  constructor(private readonly maxPoints: number) {}

  get size(): number {
    return this.count;
  }

  /** Adds a point in time order (a late fix goes where it belongs), then drops points older than `keepSinceTs` and beyond the cap. */
  add(point: VehiclePoint, keepSinceTs: number): void {
    this.ensureRoom();
    let index = this.count;
    while (index > 0 && this.tsAt(index - 1) > point.ts) index -= 1;
    if (index < this.count) this.data.copyWithin((index + 1) * FIELDS, index * FIELDS, this.count * FIELDS);
    this.write(index, point);
    this.count += 1;
    let drop = 0;
    while (drop < this.count && this.tsAt(drop) < keepSinceTs) drop += 1;
    drop = Math.max(drop, this.count - this.maxPoints);
    if (drop > 0) {
      this.data.copyWithin(0, drop * FIELDS, this.count * FIELDS);
      this.count -= drop;
    }
  }

  newestTs(): number | undefined {
    return this.count > 0 ? this.tsAt(this.count - 1) : undefined;
  }

  since(sinceTs: number): VehiclePoint[] {
    const points: VehiclePoint[] = [];
    for (let index = 0; index < this.count; index += 1) if (this.tsAt(index) >= sinceTs) points.push(this.read(index));
    return points;
  }

  private tsAt(index: number): number {
    return this.data[index * FIELDS] ?? 0;
  }

  private ensureRoom(): void {
    if ((this.count + 1) * FIELDS <= this.data.length) return;
    const grown = new Float64Array(Math.min(this.data.length * 2, (this.maxPoints + 1) * FIELDS));
    grown.set(this.data.subarray(0, this.count * FIELDS));
    this.data = grown;
  }

  private write(index: number, point: VehiclePoint): void {
    const at = index * FIELDS;
    this.data[at] = point.ts;
    this.data[at + 1] = point.lat;
    this.data[at + 2] = point.lon;
    this.data[at + 3] = point.speedKmh;
    this.data[at + 4] = point.headingDeg;
    this.data[at + 5] = point.engineTempC;
    this.data[at + 6] = point.containerTempC ?? Number.NaN;
    this.data[at + 7] = point.fuelPct;
  }

  private read(index: number): VehiclePoint {
    const at = index * FIELDS;
    const value = (offset: number) => this.data[at + offset] ?? Number.NaN;
    const containerTempC = value(6);
    return {
      ts: value(0),
      lat: value(1),
      lon: value(2),
      speedKmh: value(3),
      headingDeg: value(4),
      engineTempC: value(5),
      ...(Number.isNaN(containerTempC) ? {} : { containerTempC }),
      fuelPct: value(7),
    };
  }
}
