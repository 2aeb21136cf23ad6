import { describe, expect, it } from 'vitest';

import { readFilters, readMapView, readTripPeriod, writeFilters, writeMapView, writeTripPeriod } from './url-view';

describe('fleet page URL', () => {
  it('round-trips the map view, shortened to what is visible', () => {
    const params = new URLSearchParams('vehicle=cab-1');
    writeMapView(params, { center: [4.4712345, 51.9123456], zoom: 13.456 });
    expect(params.toString()).toBe('vehicle=cab-1&c=51.91235%2C4.47123&z=13.46');
    expect(readMapView(params)).toEqual({ center: [4.47123, 51.91235], zoom: 13.46 });
  });

  it('ignores a map view that does not parse or lies outside the world', () => {
    expect(readMapView(new URLSearchParams(''))).toBeUndefined();
    expect(readMapView(new URLSearchParams('c=51.9&z=12'))).toBeUndefined();
    expect(readMapView(new URLSearchParams('c=51.9,4.4&z=banana'))).toBeUndefined();
    expect(readMapView(new URLSearchParams('c=95,4.4&z=12'))).toBeUndefined();
    expect(readMapView(new URLSearchParams('c=51.9,4.4&z=40'))).toBeUndefined();
  });

  it('round-trips the list filters and leaves defaults out of the link', () => {
    const params = new URLSearchParams();
    writeFilters(params, { search: 'AB-1', fleet: 'tankers', status: 'moving', onlyWithAlerts: true });
    expect(readFilters(params)).toEqual({ search: 'AB-1', fleet: 'tankers', status: 'moving', onlyWithAlerts: true });
    writeFilters(params, { search: '', fleet: 'all', status: 'all', onlyWithAlerts: false });
    expect(params.toString()).toBe('');
  });

  it('falls back to "all" for a fleet or status that does not exist', () => {
    expect(readFilters(new URLSearchParams('fleet=boats&status=flying&alerts=yes'))).toEqual({
      search: '',
      fleet: 'all',
      status: 'all',
      onlyWithAlerts: false,
    });
  });
});

describe('trip view URL', () => {
  const period = { from: Date.UTC(2026, 11, 3, 8, 0, 0, 250), to: Date.UTC(2026, 11, 3, 14, 0, 0, 250) };

  it('round-trips the period as ISO times, to the millisecond', () => {
    const params = new URLSearchParams();
    writeTripPeriod(params, period);
    expect(params.toString()).toBe('from=2026-12-03T08%3A00%3A00.250Z&to=2026-12-03T14%3A00%3A00.250Z');
    expect(readTripPeriod(params)).toEqual(period);
  });

  it('reads a period with an offset, as the trip API does', () => {
    expect(readTripPeriod(new URLSearchParams('from=2026-12-03T09:00:00%2B01:00&to=2026-12-03T10:00:00Z'))).toEqual({
      from: Date.UTC(2026, 11, 3, 8),
      to: Date.UTC(2026, 11, 3, 10),
    });
  });

  it('ignores a period that is missing, does not parse or ends before it starts', () => {
    expect(readTripPeriod(new URLSearchParams(''))).toBeUndefined();
    expect(readTripPeriod(new URLSearchParams('from=2026-12-03T08:00:00Z'))).toBeUndefined();
    expect(readTripPeriod(new URLSearchParams('from=yesterday&to=2026-12-03T08:00:00Z'))).toBeUndefined();
    expect(readTripPeriod(new URLSearchParams('from=2026-13-45T08:00:00Z&to=2026-12-03T08:00:00Z'))).toBeUndefined();
    expect(readTripPeriod(new URLSearchParams('from=2026-12-03T08:00:00Z&to=2026-12-03T08:00:00Z'))).toBeUndefined();
    expect(readTripPeriod(new URLSearchParams('from=2026-12-03T09:00:00Z&to=2026-12-03T08:00:00Z'))).toBeUndefined();
  });
});
