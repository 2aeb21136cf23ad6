import { inject } from 'vitest';

import { concentrationSuite } from '../support/concentration-suite';
import { TEST_PORTS } from '../support/ports';

concentrationSuite({ title: 'the concentration pipeline end to end', brokers: inject('brokers'), bffPort: TEST_PORTS.zones, logName: 'integration-zones' });
