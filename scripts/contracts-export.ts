// npm run contracts:export: writes lib/contracts as JSON Schema for the Flink jobs (one file per topic).
import fs from 'node:fs';
import path from 'node:path';

import { CONTRACTS_DIR, contractFileName, contractJsonSchema, contractTopics } from '../lib/contracts/json-schema';

fs.mkdirSync(CONTRACTS_DIR, { recursive: true });
const wanted = new Set(contractTopics().map(contractFileName));
// A topic that lost its contract must not leave a stale file behind for the Java side to trust.
for (const file of fs.readdirSync(CONTRACTS_DIR)) {
  if (file.endsWith('.schema.json') && !wanted.has(file)) fs.rmSync(path.join(CONTRACTS_DIR, file));
}
for (const topic of contractTopics()) fs.writeFileSync(path.join(CONTRACTS_DIR, contractFileName(topic)), contractJsonSchema(topic));
console.log(`wrote ${wanted.size} contracts to ${CONTRACTS_DIR}`);
