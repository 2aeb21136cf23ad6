import { z } from 'zod';

import { TOPIC_CONTRACTS } from './topic-contracts';
import type { TopicName } from './topics';

/** Where the Flink jobs find the contracts (on their classpath as `contracts/<topic>.schema.json`). */
export const CONTRACTS_DIR = 'pipeline/flink/src/main/resources/contracts';

export function contractFileName(topic: TopicName): string {
  return `${topic}.schema.json`;
}

/**
 * One topic's record contract as JSON Schema (draft 2020-12) text, exactly as committed.
 *
 * `io: 'input'` describes what is on the wire, i.e. what a parser accepts (the purchase's numeric
 * strings included), not the parsed value. Objects are closed (`additionalProperties: false`): zod
 * would quietly strip an unknown field, so a field the Java side writes under a name the TypeScript
 * side does not know (a rename followed on one side only) must fail the Java test instead.
 */
export function contractJsonSchema(topic: TopicName): string {
  const schema = z.toJSONSchema(TOPIC_CONTRACTS[topic], {
    io: 'input',
    target: 'draft-2020-12',
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === 'object' && ctx.jsonSchema.type === 'object') ctx.jsonSchema.additionalProperties = false;
    },
  });
  const document = {
    $schema: schema.$schema,
    $id: `urn:fleetwatch:contract:${topic}`,
    title: topic,
    description: 'Generated from lib/contracts by `npm run contracts:export`: edit the zod schema there, never this file.',
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function contractTopics(): TopicName[] {
  return Object.keys(TOPIC_CONTRACTS).sort() as TopicName[];
}
