import { z } from 'zod';

import { epochMs } from '../contracts/common';

/**
 * Status of a partition or a group (README "Consumer lag" lists every rule). `idle` (nothing new
 * to read) is healthy and only ever shown per partition; a group is `ok` while all its partitions
 * are `ok` or `idle`.
 */
export const LAG_STATUSES = ['ok', 'idle', 'lagging', 'rewinding', 'unassigned', 'stalled', 'stopped', 'data-loss'] as const;
export const lagStatusSchema = z.enum(LAG_STATUSES);
export type LagStatus = z.infer<typeof lagStatusSchema>;

/** How a lag-in-seconds figure was found: the record's own timestamp, or interpolated from end-offset samples. */
export const lagMethodSchema = z.enum(['timestamp', 'interpolated']);
export type LagMethod = z.infer<typeof lagMethodSchema>;

const rate = z.number().nullable();

export const partitionLagSchema = z.object({
  topic: z.string(),
  partition: z.number().int().nonnegative(),
  /** Null: the group never committed on this partition (Kafka answers -1): shown as "no commit". */
  committed: z.number().int().nullable(),
  end: z.number().int(),
  earliest: z.number().int(),
  /** Messages behind; null without a commit; 0 when only transaction markers lie ahead. */
  lag: z.number().int().nonnegative().nullable(),
  lagSeconds: z.number().nonnegative().nullable(),
  lagMethod: lagMethodSchema.nullable(),
  status: lagStatusSchema,
  /** The rule that gave the status, in words, with the thresholds it used ("no commit for 75 s while lag waits; ..."). */
  statusReason: z.string(),
  /** The member (client id) that owns the partition now, if any. */
  owner: z.string().nullable(),
  /** Messages per second over the status window. */
  consumeRate: rate,
  produceRate: rate,
  /** When the committed offset last moved, as this BFF saw it. */
  lastCommitAt: epochMs.nullable(),
});
export type PartitionLag = z.infer<typeof partitionLagSchema>;

export const groupSummarySchema = z.object({
  groupId: z.string(),
  /** Kafka's group state: Stable, Empty, PreparingRebalance, ... */
  state: z.string(),
  status: lagStatusSchema,
  /** Why: the worst partition's rule in words (see partitionLagSchema.statusReason). */
  statusReason: z.string(),
  /** One of the dashboard's own consumer groups (bff.<instance>.<stream>). */
  own: z.boolean(),
  /** Every partition's status window shows nothing new arriving. */
  producerIdle: z.boolean(),
  totalLag: z.number().int().nonnegative(),
  maxLagSeconds: z.number().nonnegative().nullable(),
  maxLagMethod: lagMethodSchema.nullable(),
  members: z.number().int().nonnegative(),
  topics: z.array(z.string()),
  partitions: z.number().int().nonnegative(),
  noCommitPartitions: z.number().int().nonnegative(),
  lastCommitAt: epochMs.nullable(),
  consumeRate: rate,
  produceRate: rate,
  /** Seconds to reach the end at the current rates; null when it never would (or there is no lag). */
  catchUpSeconds: z.number().nonnegative().nullable(),
  /** When the poll read these offsets: lag in seconds is the age of the next record to read at this time. */
  observedAt: epochMs,
  /** Total lag of the recent polls, oldest first, for the table's sparkline. */
  trend: z.array(z.number()),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const lagPointSchema = z.object({ at: epochMs, totalLag: z.number(), maxLagSeconds: z.number().nullable() });
export type LagPoint = z.infer<typeof lagPointSchema>;

export const groupMemberSchema = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  assignment: z.array(z.object({ topic: z.string(), partitions: z.array(z.number().int()) })),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const groupDetailSchema = groupSummarySchema.extend({
  partitionLags: z.array(partitionLagSchema),
  memberList: z.array(groupMemberSchema),
  /** One point per poll over the history the BFF keeps (at least the last hour), oldest first. */
  history: z.array(lagPointSchema),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const lagResponseSchema = z.object({
  groups: z.array(groupSummarySchema),
  /** When the last full poll finished (null before the first) and how long it took. */
  polledAt: epochMs.nullable(),
  pollMs: z.number().nullable(),
  pollIntervalMs: z.number(),
  /** The last poll's problem (cluster unreachable...), if it failed. */
  error: z.string().nullable(),
  serverTime: epochMs,
});
export type LagResponse = z.infer<typeof lagResponseSchema>;

/** `lag:update`: pushed after every poll: every group's summary (the same shape as `GET /api/lag`). */
export type LagUpdate = LagResponse;

/** `GET /api/lag/:groupId`: the group id as a URL segment. */
export const groupIdParamSchema = z.string().min(1).max(255);
