import { inject } from 'vitest';

import { concentrationSuite } from '../support/concentration-suite';
import { TEST_PORTS } from '../support/ports';

// Any parallelism is correct: the occupancy job keyed by sensor, badge and zone at parallelism 2
// (sightings on 3 partitions split over 2 readers) meets the same expectations as at 1.
concentrationSuite({
  title: 'the concentration pipeline with the occupancy job at parallelism 2',
  brokers: inject('brokers'),
  bffPort: TEST_PORTS.zonesParallel,
  logName: 'integration-zones-parallel',
  parallelism: 2,
});
