import { afterEach, describe, expect, it, vi } from 'vitest';

import { fetchAlerts } from './alerts';
import { SERVER_UNREACHABLE } from './fetch';
import { fetchLagGroup, fetchLagSummaries } from './lag';
import { fetchSalesPerMinute } from './sales';
import { fetchZonesOccupancy } from './zones';

describe("the page's queries when the server does not answer", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('say the server cannot be reached, not the browser\'s "Failed to fetch"', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const queries = [fetchSalesPerMinute(60), fetchLagSummaries(), fetchLagGroup('fleetwatch.bff'), fetchZonesOccupancy(), fetchAlerts()];
    for (const failed of await Promise.allSettled(queries)) {
      expect(failed).toMatchObject({ status: 'rejected', reason: { message: SERVER_UNREACHABLE } });
    }
  });
});
