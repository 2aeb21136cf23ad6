import { describe, expect, it } from 'vitest';

import { groupFilter, isOwnGroup } from './group-filter';

describe('group allow and deny lists', () => {
  it('watches every group without lists', () => {
    expect(groupFilter([], [])('anything')).toBe(true);
  });

  it('matches names with * wildcards; deny wins over allow', () => {
    const watch = groupFilter(['processor.*', 'demo.telemetry-archiver'], ['processor.sales']);
    expect(watch('processor.fleet-state')).toBe(true);
    expect(watch('demo.telemetry-archiver')).toBe(true);
    expect(watch('processor.sales')).toBe(false);
    expect(watch('other')).toBe(false);
    expect(groupFilter([], ['bff.*'])('bff.host-1.fleet')).toBe(false);
  });

  it('takes dots and other characters literally', () => {
    expect(groupFilter(['a.b'], [])('axb')).toBe(false);
  });

  it("marks the dashboard's own groups", () => {
    expect(isOwnGroup('bff.host-1.fleet')).toBe(true);
    expect(isOwnGroup('processor.sales')).toBe(false);
  });
});
