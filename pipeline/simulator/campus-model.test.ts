import { describe, expect, it } from 'vitest';

import { zoneSchema } from '@/lib/contracts/campus';

import { createCampusModel } from './campus-model';
import { CAMPUS_ZONES, containsPoint, PLAN_SIZE, zoneIndex } from './campus-plan';
import { crowdZone } from './scenarios';

const DAY = Date.UTC(2026, 10, 23);
const at = (hours: number): number => DAY + hours * 3_600_000;

function counts(zones: Int16Array): number[] {
  const perZone = CAMPUS_ZONES.map(() => 0);
  for (const zone of zones) if (zone >= 0) perZone[zone] = (perZone[zone] ?? 0) + 1;
  return perZone;
}

describe('campus plan', () => {
  const model = createCampusModel({ seed: 42, sightingsPerS: 20, utcOffsetMin: 0 });

  it('publishes contract-valid zones with 2–4 sensors each', () => {
    expect(model.zones.length).toBeGreaterThanOrEqual(10);
    for (const zone of model.zones) {
      expect(zoneSchema.parse(zone)).toEqual(zone);
      expect(zone.sensors.length).toBeGreaterThanOrEqual(2);
      expect(zone.sensors.length).toBeLessThanOrEqual(4);
      for (const sensor of zone.sensors) expect(sensor).toMatch(new RegExp(`^sensor-${zone.zoneId}-\\d+$`));
    }
  });

  it('lays zones out on a 300 x 200 m plan without overlaps', () => {
    let covered = 0;
    // Collected and asserted once: 60,000 expect() calls took over 5 s on a busy machine.
    const overlaps: string[] = [];
    for (let x = 0.5; x < PLAN_SIZE.width; x += 1) {
      for (let y = 0.5; y < PLAN_SIZE.height; y += 1) {
        const inside = model.zones.filter((zone) => containsPoint(zone.shape, x, y)).length;
        if (inside > 1) overlaps.push(`${x},${y}`);
        covered += inside;
      }
    }
    expect(overlaps).toEqual([]);
    // Most of the plan is built on; the rest is paths between buildings.
    expect(covered / (PLAN_SIZE.width * PLAN_SIZE.height)).toBeGreaterThan(0.9);
  });
});

describe('campus model', () => {
  const model = createCampusModel({ seed: 42, sightingsPerS: 20, utcOffsetMin: 0 });
  const present = (hours: number): number => counts(model.whereabouts(at(hours))).reduce((sum, n) => sum + n, 0);

  it('follows a daily rhythm: empty at night, full by late morning, lunch in the cafeteria', () => {
    expect(present(3)).toBeLessThan(60);
    expect(present(7)).toBeLessThan(60);
    expect(present(10.5)).toBeGreaterThan(700);
    expect(present(21)).toBeLessThan(60);
    const cafeteria = zoneIndex('cafeteria');
    expect(counts(model.whereabouts(at(12.5)))[cafeteria]).toBeGreaterThan(3 * (counts(model.whereabouts(at(10.5)))[cafeteria] ?? 0));
  });

  it('keeps every zone within capacity on a normal day', () => {
    for (let hours = 0; hours < 24; hours += 0.25) {
      counts(model.whereabouts(at(hours))).forEach((count, zone) => expect(count).toBeLessThanOrEqual(CAMPUS_ZONES[zone]?.capacity ?? 0));
    }
  });

  it('emits sightings from sensors of the zone each badge is in', () => {
    const badges = new Set(model.badgeIds);
    const sightings = Array.from({ length: 100 }, (_, i) => model.tick(at(11) + i * 100, 100, 0.1)).flat();
    expect(sightings.length).toBeGreaterThan(150);
    expect(sightings.length).toBeLessThan(250);
    const zones = model.whereabouts(at(11));
    for (const sighting of sightings) {
      expect(badges.has(sighting.badgeId)).toBe(true);
      const zone = zones[model.badgeIds.indexOf(sighting.badgeId)] ?? -1;
      expect(CAMPUS_ZONES[zone]?.sensors).toContain(sighting.sensorId);
      expect(sighting.ts).toBeGreaterThan(at(11) - 100);
      expect(sighting.ts).toBeLessThanOrEqual(at(11) + 10_000);
    }
  });

  it('is deterministic for a seed', () => {
    const again = createCampusModel({ seed: 42, sightingsPerS: 20, utcOffsetMin: 0 });
    expect(again.badgeIds).toEqual(model.badgeIds);
    const fresh = createCampusModel({ seed: 42, sightingsPerS: 20, utcOffsetMin: 0 });
    expect(fresh.tick(at(14), 1_000, 1)).toEqual(again.tick(at(14), 1_000, 1));
    expect(createCampusModel({ seed: 43, sightingsPerS: 20, utcOffsetMin: 0 }).badgeIds).not.toEqual(model.badgeIds);
  });

  it('fills the main hall beyond capacity during a crowd', () => {
    const hall = zoneIndex('main-hall');
    const crowd = model.whereabouts(at(15), (badge) => crowdZone(42, badge, 30, 300, hall));
    expect(counts(crowd)[hall]).toBeGreaterThan(CAMPUS_ZONES[hall]?.capacity ?? Infinity);
  });
});
