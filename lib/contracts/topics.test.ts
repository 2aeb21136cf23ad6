import { describe, expect, it } from 'vitest';

import { TOPICS, TOPIC_SPECS, productTopicSpecs } from './topics';

describe('productTopicSpecs', () => {
  it("creates fleet.vehicle-state with the deployment's retention and every other topic as specified", () => {
    const specs = productTopicSpecs({ vehicleStateRetentionMs: 7 * 24 * 3_600_000 });
    expect(specs.find((spec) => spec.name === TOPICS.vehicleState)?.retentionMs).toBe(7 * 24 * 3_600_000);
    expect(specs.filter((spec) => spec.name !== TOPICS.vehicleState)).toEqual(TOPIC_SPECS.filter((spec) => spec.name !== TOPICS.vehicleState));
  });
});
