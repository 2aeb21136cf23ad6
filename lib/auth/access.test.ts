import { describe, expect, it } from 'vitest';

import { alertTeamsFor, homeFor, mayAccessPath, maySubscribe, ruleForPath, viewsFor } from './access';

describe('the role matrix', () => {
  it('gives each team its own view and admin every view', () => {
    expect(viewsFor('fleet').map((v) => v.id)).toEqual(['fleet', 'alerts']);
    expect(viewsFor('security').map((v) => v.id)).toEqual(['alerts', 'concentration']);
    expect(viewsFor('platform').map((v) => v.id)).toEqual(['alerts', 'lag']);
    expect(viewsFor('admin').map((v) => v.id)).toEqual(['fleet', 'alerts', 'sales', 'lag', 'concentration', 'alerting']);
  });

  it('guards pages and API routes by the same rule', () => {
    expect(mayAccessPath('fleet', '/fleet')).toBe(true);
    expect(mayAccessPath('fleet', '/api/fleet/vehicles/cab-1/history')).toBe(true);
    expect(mayAccessPath('fleet', '/lag')).toBe(false);
    expect(mayAccessPath('platform', '/api/fleet/vehicles')).toBe(false);
    expect(mayAccessPath('security', '/api/zones/occupancy')).toBe(true);
  });

  it('does not let a prefix match a longer name', () => {
    expect(ruleForPath('/fleetwide').kind).toBe('signed-in');
    expect(ruleForPath('/api/healthz').kind).toBe('signed-in');
  });

  it('keeps health, sign-in and assets open', () => {
    for (const path of ['/api/health', '/signin', '/api/auth/csrf', '/_next/static/chunk.js']) expect(ruleForPath(path).kind).toBe('open');
    expect(ruleForPath('/metrics').kind).toBe('metrics');
  });

  it('guards channels, vehicle channels with the fleet view', () => {
    expect(maySubscribe('fleet', 'vehicle:cab-0001')).toBe(true);
    expect(maySubscribe('security', 'vehicle:cab-0001')).toBe(false);
    expect(maySubscribe('security', 'zones')).toBe(true);
    expect(maySubscribe('fleet', 'sales')).toBe(false);
    expect(maySubscribe('admin', 'sales')).toBe(true);
  });

  it('sends each role to its first view after sign-in', () => {
    expect(homeFor('fleet')).toBe('/fleet');
    expect(homeFor('security')).toBe('/concentration');
    expect(homeFor('admin')).toBe('/fleet');
  });

  it("shows each team its own alerts in the shared inbox, and admin every team's", () => {
    expect(alertTeamsFor('fleet')).toEqual(['fleet']);
    expect(alertTeamsFor('security')).toEqual(['security']);
    expect(alertTeamsFor('platform')).toEqual(['platform']);
    expect(alertTeamsFor('admin')).toEqual(['fleet', 'security', 'platform']);
  });
});
