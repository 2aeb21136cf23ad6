import type { City } from './city';
import { buildCity } from './city';
import type { CityPlaces } from './city-places';
import { choosePlaces, junctionsOf } from './city-places';
import { deriveSeed, mulberry32 } from './random';
import type { Routes } from './routing';
import { buildRoutes } from './routing';

/** Everything vehicles share: the road network, its routes and its named places. Built once per seed. */
export interface FleetWorld {
  seed: number;
  city: City;
  routes: Routes;
  places: CityPlaces;
  ranks: number[];
  stations: number[];
}

export function buildFleetWorld(seed: number): FleetWorld {
  const rng = mulberry32(deriveSeed(seed, 'city'));
  const city = buildCity(rng);
  const places = choosePlaces(city, rng);
  return { seed, city, routes: buildRoutes(city), places, ranks: junctionsOf(places.taxiRanks), stations: junctionsOf(places.stations) };
}
