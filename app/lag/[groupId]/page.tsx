import type { Metadata } from 'next';

import { GroupView } from '@/components/lag/group-view';

export const metadata: Metadata = { title: 'Consumer group · Fleetwatch' };

export default async function LagGroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const { groupId } = await params;
  return <GroupView groupId={decodeURIComponent(groupId)} />;
}
