import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { CONTRACTS_DIR, contractFileName, contractJsonSchema, contractTopics } from './json-schema';
import { TOPICS } from './topics';

describe('JSON Schema contracts for the Flink jobs', () => {
  it('has one file per topic, exactly as lib/contracts generates it (else run npm run contracts:export)', () => {
    const committed = fs
      .readdirSync(CONTRACTS_DIR)
      .filter((file) => file.endsWith('.schema.json'))
      .sort();
    expect(committed).toEqual(contractTopics().map(contractFileName).sort());
    for (const topic of contractTopics()) {
      const file = fs.readFileSync(path.join(CONTRACTS_DIR, contractFileName(topic)), 'utf8');
      expect(file, `${contractFileName(topic)} is stale: run npm run contracts:export`).toBe(contractJsonSchema(topic));
    }
  });

  it('covers every topic of the product', () => {
    expect(contractTopics()).toEqual(Object.values(TOPICS).sort());
  });

  it('describes the wire format: numeric strings of the MSK Data Generator, closed objects', () => {
    const purchase = JSON.parse(contractJsonSchema(TOPICS.purchase)) as {
      properties: { quantity: { anyOf: { type: string }[] } };
      additionalProperties: boolean;
    };
    expect(purchase.properties.quantity.anyOf.map((branch) => branch.type)).toEqual(['number', 'string']);
    expect(purchase.additionalProperties).toBe(false);
  });
});
