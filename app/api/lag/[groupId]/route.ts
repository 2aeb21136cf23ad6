import { groupIdParamSchema } from '@/lib/lag/api';
import { errorResponse, jsonResponse, withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** One group: its partitions, members and assignments, and the trend the BFF keeps. */
export async function GET(_request: Request, { params }: { params: Promise<{ groupId: string }> }): Promise<Response> {
  const parsed = groupIdParamSchema.safeParse((await params).groupId);
  if (!parsed.success) return errorResponse(400, 'invalid_request', `groupId: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return withRuntime((runtime) => {
    const group = runtime.lagGroup(parsed.data);
    return group
      ? jsonResponse(group)
      : errorResponse(404, 'not_found', `No consumer group "${parsed.data}" is watched (yet); the list is refreshed every poll.`);
  });
}
