import type { Cargo, Vehicle } from '@/lib/contracts/fleet';

import type { CityPlaces, Place } from './city-places';
import { dutchPlate, personName } from './names';
import type { Rng } from './random';
import { deriveSeed, itemAt, mulberry32, pick, weightedIndex } from './random';

/** A registry entry plus the junction the vehicle calls home (its garage or depot). */
export interface FleetMember {
  vehicle: Vehicle;
  home: number;
}

const CARGOES: readonly Cargo[] = ['gasoline', 'diesel', 'lpg', 'naphtha'];
const CARGO_WEIGHTS = [0.4, 0.35, 0.15, 0.1];

export function vehicleId(prefix: 'cab' | 'tanker', index: number): string {
  return `${prefix}-${String(index + 1).padStart(4, '0')}`;
}

/** The `fleet.vehicles` registry: cabs first, then tankers, each entry drawn from its own stream. */
export function buildRegistry(seed: number, cabs: number, tankers: number, places: CityPlaces): FleetMember[] {
  const members: FleetMember[] = [];
  for (let i = 0; i < cabs; i++) {
    const id = vehicleId('cab', i);
    const rng = mulberry32(deriveSeed(seed, 'registry', id));
    const garage = pick(rng, places.cabGarages);
    members.push(
      member({ vehicleId: id, fleet: 'cabs', plate: dutchPlate(rng, false), driver: personName(rng), depot: '', driverPhone: mobileNumber(rng) }, garage),
    );
  }
  for (let i = 0; i < tankers; i++) {
    const id = vehicleId('tanker', i);
    const rng = mulberry32(deriveSeed(seed, 'registry', id));
    const depot = pick(rng, places.tankerDepots);
    const vehicle: Vehicle = {
      vehicleId: id,
      fleet: 'tankers',
      plate: dutchPlate(rng, true),
      driver: personName(rng),
      depot: '',
      cargo: cargo(rng),
      driverPhone: mobileNumber(rng),
    };
    members.push(member(vehicle, depot));
  }
  return members;
}

function member(vehicle: Vehicle, home: Place): FleetMember {
  return { vehicle: { ...vehicle, depot: home.name }, home: home.junction };
}

/** A Dutch mobile number in E.164 (+316 and eight digits), drawn last so earlier fields keep their values. */
function mobileNumber(rng: Rng): string {
  return `+316${String(Math.floor(rng() * 100_000_000)).padStart(8, '0')}`;
}

function cargo(rng: Rng): Cargo {
  return itemAt(CARGOES, weightedIndex(rng, CARGO_WEIGHTS));
}
