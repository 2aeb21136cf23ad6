import type { Admin, GroupDescription, Kafka } from 'kafkajs';
import { AssignerProtocol } from 'kafkajs';

import type { GroupDetail, GroupMember, GroupSummary, LagPoint, LagResponse } from '@/lib/lag/api';
import { LAG_STATUSES } from '@/lib/lag/api';
import type { PartitionTrack } from '@/lib/lag/partition-track';
import { observedCommitIntervalMs } from '@/lib/lag/partition-track';
import type { StatusRules } from '@/lib/lag/status';
import type { Logger } from '@/platform/logger';

import type { LagConfig } from '../config';
import { lagGroups, lagPollSeconds } from '../metrics';

import type { RecordLookup } from './cluster-reader';
import { ClusterReader, lookupKey } from './cluster-reader';
import { forEachLimited, yieldToEventLoop } from './concurrency';
import { evaluateGroup, observeGroup, partitionKey } from './group-evaluation';
import type { GroupSnapshot } from './group-evaluation';
import { groupFilter } from './group-filter';
import type { GroupVerdict } from './lag-alerts';
import { exportLagMetrics } from './lag-metrics';

/** What one poll learned of one group from the cluster. */
export interface GroupReading {
  groupId: string;
  state: string;
  members: GroupMember[];
  /** `topic\0partition` → committed offset (absent: no commit). */
  committed: Map<string, number>;
  topics: Set<string>;
}

interface GroupMemory {
  tracks: Map<string, PartitionTrack>;
  history: LagPoint[];
  detail: Omit<GroupDetail, 'history'> | undefined;
}

export interface LagPollResult {
  response: LagResponse;
  verdicts: GroupVerdict[];
  /** Milliseconds spent in each phase of the poll, for the benchmark and debug logs. */
  phases: Record<'groups' | 'offsets' | 'lookups' | 'evaluate', number>;
}

const DESCRIBE_CHUNK = 100;
const TREND_POINTS = 30;
/** Groups handled between two yields to the event loop, so HTTP and Socket.IO traffic never waits long for a poll. */
const YIELD_EVERY_GROUPS = 10;

/**
 * Polls the cluster for every watched consumer group's offsets, keeps each partition's window and
 * the groups' history (bounded: LAG_HISTORY_MINUTES of one point per poll), and hands each poll's
 * result to `onPoll` (the `lag` channel and the alerts). Read-only: it never commits, resets or
 * sets an offset.
 */
export class LagMonitor {
  private readonly reader: ClusterReader;
  private admin: Admin | undefined;
  private readonly groups = new Map<string, GroupMemory>();
  private readonly watch: (groupId: string) => boolean;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private last: { polledAt: number; pollMs: number } | undefined;
  private lastError: string | null = null;
  private readonly maxHistoryPoints: number;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: LagConfig,
    private readonly logger: Logger,
    private readonly onPoll: (result: LagPollResult) => void | Promise<void> = () => undefined,
  ) {
    this.reader = new ClusterReader(kafka);
    this.watch = groupFilter(config.allow, config.deny);
    this.maxHistoryPoints = Math.ceil((config.historyMinutes * 60_000) / config.pollIntervalMs) + 1;
  }

  get rules(): StatusRules {
    return { allowedLag: this.config.allowedLag, pollIntervalMs: this.config.pollIntervalMs, windowPolls: this.config.windowPolls, minStoppedMs: 30_000 };
  }

  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      await this.pollOnce().catch(() => undefined);
      if (!this.stopped) this.timer = setTimeout(() => void loop(), Math.max(0, this.config.pollIntervalMs - (this.last?.pollMs ?? 0)));
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.admin?.disconnect().catch(() => undefined);
    await this.reader.reset();
  }

  summaries(): LagResponse {
    const groups = [...this.groups.values()].flatMap((memory) => (memory.detail ? [summaryOf(memory)] : []));
    groups.sort((a, b) => a.groupId.localeCompare(b.groupId));
    return {
      groups,
      polledAt: this.last?.polledAt ?? null,
      pollMs: this.last?.pollMs ?? null,
      pollIntervalMs: this.config.pollIntervalMs,
      error: this.lastError,
      serverTime: Date.now(),
    };
  }

  detail(groupId: string): GroupDetail | undefined {
    const memory = this.groups.get(groupId);
    return memory?.detail ? { ...memory.detail, trend: trendOf(memory), history: [...memory.history] } : undefined;
  }

  /** One full poll: every group, its offsets and the topics' offsets, evaluated. Resolves with the result. */
  async pollOnce(): Promise<LagPollResult> {
    const startedAt = performance.now();
    try {
      const mark = performance.now();
      const readings = await this.readGroups();
      const afterGroups = performance.now();
      const topics = [...new Set(readings.flatMap((reading) => [...reading.topics]))];
      const existing = new Set(await (await this.connectedAdmin()).listTopics());
      const offsets = await this.reader.topicOffsets(topics.filter((topic) => existing.has(topic)));
      const now = Date.now();
      const snapshots: GroupSnapshot[] = [];
      for (const [index, reading] of readings.entries()) {
        const memory = this.memoryOf(reading.groupId);
        snapshots.push(observeGroup(reading, offsets, memory.tracks, now, this.config.windowPolls));
        if (index % YIELD_EVERY_GROUPS === YIELD_EVERY_GROUPS - 1) await yieldToEventLoop();
      }
      const afterOffsets = performance.now();
      const lookups = await this.lookupRecords(snapshots);
      const afterLookups = performance.now();
      const verdicts: GroupVerdict[] = [];
      for (const [index, snapshot] of snapshots.entries()) {
        const memory = this.memoryOf(snapshot.reading.groupId);
        const detail = evaluateGroup(snapshot, memory.tracks, lookups, this.rules, observedCommitIntervalMs(memory.tracks.values()), now);
        memory.detail = detail;
        memory.history.push({ at: now, totalLag: detail.totalLag, maxLagSeconds: detail.maxLagSeconds });
        if (memory.history.length > this.maxHistoryPoints) memory.history.splice(0, memory.history.length - this.maxHistoryPoints);
        verdicts.push({ groupId: detail.groupId, status: detail.status, maxLagSeconds: detail.maxLagSeconds, partitions: detail.partitionLags });
        if (index % YIELD_EVERY_GROUPS === YIELD_EVERY_GROUPS - 1) await yieldToEventLoop();
      }
      // Groups gone from the cluster (a BFF instance that stopped, a deleted group) are forgotten.
      const present = new Set(readings.map((reading) => reading.groupId));
      for (const groupId of this.groups.keys()) if (!present.has(groupId)) this.groups.delete(groupId);
      this.last = { polledAt: Date.now(), pollMs: performance.now() - startedAt };
      this.lastError = null;
      const phases = {
        groups: afterGroups - mark,
        offsets: afterOffsets - afterGroups,
        lookups: afterLookups - afterOffsets,
        evaluate: performance.now() - afterLookups,
      };
      const result = { response: this.summaries(), verdicts, phases };
      recordMetrics(result);
      exportLagMetrics(
        [...this.groups.values()].flatMap((memory) => (memory.detail ? [memory.detail] : [])),
        this.config.clusterName,
      );
      await this.onPoll(result);
      return result;
    } catch (error) {
      this.lastError = (error as Error).message;
      this.last = { polledAt: this.last?.polledAt ?? Date.now(), pollMs: performance.now() - startedAt };
      this.logger.warn({ err: this.lastError }, 'lag poll failed; retrying at the next interval');
      await this.reader.reset();
      throw error;
    }
  }

  private memoryOf(groupId: string): GroupMemory {
    let memory = this.groups.get(groupId);
    if (!memory) {
      memory = { tracks: new Map(), history: [], detail: undefined };
      this.groups.set(groupId, memory);
    }
    return memory;
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  private async readGroups(): Promise<GroupReading[]> {
    const admin = await this.connectedAdmin();
    const { groups } = await admin.listGroups();
    const ids = groups
      .map((group) => group.groupId)
      .filter(this.watch)
      .sort();
    const descriptions: GroupDescription[] = [];
    for (let index = 0; index < ids.length; index += DESCRIBE_CHUNK) {
      descriptions.push(...(await this.reader.describeGroups(ids.slice(index, index + DESCRIBE_CHUNK))));
    }
    const readings: GroupReading[] = [];
    await forEachLimited(descriptions, this.config.concurrency, async (description) => {
      // One OffsetFetch for all of the group's topics; never anything that writes offsets.
      readings.push(readingOf(description, await this.reader.committedOffsets(description.groupId)));
    });
    return readings.sort((a, b) => a.groupId.localeCompare(b.groupId));
  }

  /**
   * Reads the record at the committed offset of partitions with lag, up to LAG_TIMESTAMP_LOOKUPS per
   * poll: first each group's partition with the most lag (the one that usually sets its max lag in
   * seconds), then the others, so with many lagging groups every group still gets a measured figure.
   */
  private async lookupRecords(snapshots: readonly GroupSnapshot[]): Promise<Map<string, RecordLookup>> {
    const first: LookupWanted[] = [];
    const rest: LookupWanted[] = [];
    for (const snapshot of snapshots) {
      const lagging = snapshot.partitions
        .filter((p) => p.committed !== null && p.committed < p.end && p.committed >= p.earliest)
        .map((p) => ({ topic: p.topic, partition: p.partition, offset: p.committed as number, end: p.end }))
        .sort((a, b) => b.end - b.offset - (a.end - a.offset));
      first.push(...lagging.slice(0, 1));
      rest.push(...lagging.slice(1));
    }
    const unique = new Map<string, LookupWanted>();
    for (const item of [...first, ...rest]) {
      if (unique.size >= this.config.timestampLookups) break;
      unique.set(lookupKey(item.topic, item.partition, item.offset), item);
    }
    try {
      return await this.reader.lookupRecords([...unique.values()]);
    } catch (error) {
      // Lag in seconds then comes from interpolation alone; the poll itself goes on.
      this.logger.warn({ err: (error as Error).message }, 'reading record timestamps failed; interpolating');
      return new Map();
    }
  }
}

interface LookupWanted {
  topic: string;
  partition: number;
  offset: number;
  end: number;
}

function recordMetrics(result: LagPollResult): void {
  lagPollSeconds.set((result.response.pollMs ?? 0) / 1000);
  const counts = new Map<string, number>(LAG_STATUSES.map((status) => [status, 0]));
  for (const group of result.response.groups) counts.set(group.status, (counts.get(group.status) ?? 0) + 1);
  for (const [status, count] of counts) lagGroups.set({ status }, count);
}

function readingOf(description: GroupDescription, committedTopics: { topic: string; partitions: { partition: number; offset: string }[] }[]): GroupReading {
  const committed = new Map<string, number>();
  const topics = new Set<string>();
  for (const { topic, partitions } of committedTopics) {
    for (const { partition, offset } of partitions) {
      const value = Number(offset);
      // -1: no commit on this partition.
      if (value >= 0) {
        committed.set(partitionKey(topic, partition), value);
        topics.add(topic);
      }
    }
  }
  const members = description.members.map((member) => memberOf(member, description.protocolType));
  for (const member of members) for (const { topic } of member.assignment) topics.add(topic);
  return { groupId: description.groupId, state: description.state, members, committed, topics };
}

function memberOf(member: GroupDescription['members'][number], protocolType: string): GroupMember {
  let assignment: GroupMember['assignment'] = [];
  if (protocolType === 'consumer' && member.memberAssignment.length > 0) {
    try {
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      assignment = Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
    } catch {
      // A member of another client library with an assignment format of its own: shown without one.
    }
  }
  return { memberId: member.memberId, clientId: member.clientId, host: member.clientHost, assignment };
}

function summaryOf(memory: GroupMemory): GroupSummary {
  const detail = memory.detail as Omit<GroupDetail, 'history'>;
  const { partitionLags: _partitions, memberList: _members, ...summary } = detail;
  return { ...summary, trend: trendOf(memory) };
}

function trendOf(memory: GroupMemory): number[] {
  return memory.history.slice(-TREND_POINTS).map((point) => point.totalLag);
}
