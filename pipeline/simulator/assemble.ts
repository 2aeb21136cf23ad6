import type { TopicMessages } from 'kafkajs';

import { TOPICS } from '@/lib/contracts/topics';

import type { BookstoreModel } from './bookstore-model';
import { createBookstoreModel } from './bookstore-model';
import type { CampusModel } from './campus-model';
import { createCampusModel } from './campus-model';
import type { SimulatorOptions } from './cli-options';
import type { FleetModel } from './fleet-model';
import { createFleetModel } from './fleet-model';
import { keyedMessages, sightingMessages, telemetryMessages } from './outgoing';
import { ScenarioBoard } from './scenario-board';
import type { SimClock } from './sim-clock';
import { createSimClock } from './sim-clock';

/** The three simulated worlds, the running fault scenarios and the simulated clock. No Kafka here. */
export interface SimulatorModels {
  fleet: FleetModel;
  bookstore: BookstoreModel;
  campus: CampusModel;
  board: ScenarioBoard;
  clock: SimClock;
}

export function createModels(options: SimulatorOptions, startMs: number): SimulatorModels {
  const { seed } = options;
  return {
    fleet: createFleetModel({ seed, cabs: options.cabs, tankers: options.tankers, intervalMs: options.telemetryIntervalMs, startMs }),
    bookstore: createBookstoreModel(seed, options.purchasesPerS),
    // The campus keeps the local hours of the machine it runs on: people arrive in its morning.
    campus: createCampusModel({ seed, sightingsPerS: options.sightingsPerS, utcOffsetMin: -new Date(startMs).getTimezoneOffset() }),
    board: new ScenarioBoard(seed),
    clock: createSimClock(startMs, options.speedup),
  };
}

/** Everything that falls due at `nowMs`, as one batch for every topic. */
export function produceTick(models: SimulatorModels, scenarios: { tick(nowMs: number): void }, nowMs: number, wallDtS: number): TopicMessages[] {
  scenarios.tick(nowMs);
  const readings = models.fleet.due(nowMs, models.board.adjustReading);
  const simNowMs = models.clock.at(nowMs);
  const sales = models.bookstore.tick(simNowMs, wallDtS);
  const sightings = models.campus.tick(simNowMs, wallDtS * 1_000 * models.clock.speedup, wallDtS, models.board.crowdOverride(nowMs));
  return [
    telemetryMessages(readings),
    keyedMessages(TOPICS.purchase, sales.purchases),
    keyedMessages(TOPICS.bookstore, sales.bookstores),
    keyedMessages(TOPICS.book, sales.books),
    sightingMessages(sightings),
  ];
}
