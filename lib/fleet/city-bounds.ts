/** Rotterdam's bounding box: where the simulated fleet drives, and the fleet map's starting view. */
export const CITY_BOUNDS = { minLat: 51.87, maxLat: 51.96, minLon: 4.38, maxLon: 4.56 } as const;

export type GeoBounds = { minLat: number; maxLat: number; minLon: number; maxLon: number };
