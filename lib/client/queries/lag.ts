'use client';

import { useQuery } from '@tanstack/react-query';

import type { GroupDetail, LagResponse } from '../../lag/api';
import { groupDetailSchema, lagResponseSchema } from '../../lag/api';

import { fetchOrExplain } from './fetch';

/** Every query key of the lag view: components and the live feed name keys only through here. */
export const lagKeys = {
  all: ['lag'] as const,
  summaries: () => [...lagKeys.all, 'summaries'] as const,
  groups: () => [...lagKeys.all, 'group'] as const,
  group: (groupId: string) => [...lagKeys.groups(), groupId] as const,
};

/** A group the BFF does not watch (gone, or not yet polled). */
export class GroupNotFoundError extends Error {}

export async function fetchLagSummaries(): Promise<LagResponse> {
  const response = await fetchOrExplain('/api/lag', { cache: 'no-store' });
  if (!response.ok) throw new Error(`consumer lag: HTTP ${response.status}`);
  return lagResponseSchema.parse(await response.json());
}

export async function fetchLagGroup(groupId: string): Promise<GroupDetail> {
  const response = await fetchOrExplain(`/api/lag/${encodeURIComponent(groupId)}`, { cache: 'no-store' });
  if (response.status === 404) throw new GroupNotFoundError(`No consumer group "${groupId}" is watched.`);
  if (!response.ok) throw new Error(`consumer group ${groupId}: HTTP ${response.status}`);
  return groupDetailSchema.parse(await response.json());
}

/** Every group's summary; the `lag` channel replaces it after each poll (see use-lag-feed). */
export function useLagSummaries() {
  return useQuery({ queryKey: lagKeys.summaries(), queryFn: fetchLagSummaries, staleTime: Number.POSITIVE_INFINITY });
}

/** One group's partitions, members and trend; refetched after each poll the `lag` channel announces. */
export function useLagGroup(groupId: string) {
  return useQuery({
    queryKey: lagKeys.group(groupId),
    queryFn: () => fetchLagGroup(groupId),
    staleTime: Number.POSITIVE_INFINITY,
    retry: (failures, error) => !(error instanceof GroupNotFoundError) && failures < 3,
  });
}
