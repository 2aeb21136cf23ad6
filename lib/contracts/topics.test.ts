import { describe, expect, it } from 'vitest';

import { TOPICS, TOPIC_SPECS, productTopicSpecs } from './topics';

describe('productTopicSpecs', () => {
  it("creates fleet.vehicle-state and its snapshots with the deployment's retention and every other topic as specified", () => {
    const specs = productTopicSpecs({ vehicleStateRetentionMs: 7 * 24 * 3_600_000 });
    const history: string[] = [TOPICS.vehicleState, TOPICS.fleetSnapshots];
    for (const name of history) expect(specs.find((spec) => spec.name === name)?.retentionMs).toBe(7 * 24 * 3_600_000);
    expect(specs.filter((spec) => !history.includes(spec.name))).toEqual(TOPIC_SPECS.filter((spec) => !history.includes(spec.name)));
  });
});
