import type { City } from './city';
import { junctionId } from './city';
import type { Rng } from './random';
import { pick } from './random';

/** A named spot at a junction: where taxis wait, tankers load and deliver, and everyone refuels. */
export interface Place {
  name: string;
  junction: number;
}

export interface CityPlaces {
  taxiRanks: Place[];
  cabGarages: Place[];
  tankerDepots: Place[];
  stations: Place[];
}

const RANKS = ['Rotterdam Centraal', 'Blaak', 'Beurs', 'Zuidplein', 'Kop van Zuid', 'Erasmus MC', 'Kralingen', 'Delfshaven', 'Markthal', 'Ahoy'];
const GARAGES = ['Garage Spaanse Polder', 'Garage Charlois', 'Garage Prins Alexander'];
// The oil ports lie west and south-west: depots sit in that corner of the grid.
const DEPOTS = ['Depot Waalhaven', 'Depot Eemhaven', 'Depot Vondelingenplaat'];
const BRANDS = ['Shell', 'BP', 'Esso', 'TotalEnergies', 'Tango', 'TinQ', 'Texaco', 'Gulf'];
const STREETS = [
  'Maasboulevard',
  'Schiedamseweg',
  'Vaanweg',
  'Goudsesingel',
  'Boezemweg',
  'Strevelsweg',
  'Kleinpolderplein',
  'Abram van Rijckevorselweg',
  'Rochussenstraat',
  'Pleinweg',
  'Stadhoudersweg',
  'Beukelsdijk',
];
const STATION_COUNT = 24;

export function choosePlaces(city: City, rng: Rng): CityPlaces {
  const taken = new Set<number>();
  const interior = city.junctions.filter((junction) => !junction.onRing).map((junction) => junction.id);
  const claim = (candidates: readonly number[]): number => claimJunction(rng, candidates, taken);
  const southWest: number[] = [];
  for (let row = 1; row <= 3; row++) for (let col = 1; col <= 5; col++) southWest.push(junctionId(row, col));
  return {
    taxiRanks: RANKS.map((name) => ({ name, junction: claim(interior) })),
    cabGarages: GARAGES.map((name) => ({ name, junction: claim(interior) })),
    tankerDepots: DEPOTS.map((name) => ({ name, junction: claim(southWest) })),
    stations: Array.from({ length: STATION_COUNT }, () => ({
      name: `${pick(rng, BRANDS)} ${pick(rng, STREETS)}`,
      junction: claim(interior),
    })),
  };
}

function claimJunction(rng: Rng, candidates: readonly number[], taken: Set<number>): number {
  const free = candidates.filter((id) => !taken.has(id));
  const junction = pick(rng, free.length > 0 ? free : candidates);
  taken.add(junction);
  return junction;
}

export function junctionsOf(places: readonly Place[]): number[] {
  return places.map((place) => place.junction);
}
