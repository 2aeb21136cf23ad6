'use client';

import { useReplayTimeline } from '@/lib/client/queries/replay';
import { timelineWindow } from '@/lib/fleet/replay-moments';
import { formatClock } from '@/lib/format';

interface TimelineProps {
  at: number;
  retentionMs: number;
  onSeek: (at: number) => void;
}

/**
 * Under the map while a past moment is shown: two hours around it, one bar per bucket. A grey
 * bar is a stretch with no data on fleet.vehicle-state, a red mark a bucket where alerts fired,
 * the outline the moment shown; clicking a bar moves there.
 */
export function ReplayTimeline({ at, retentionMs, onSeek }: TimelineProps) {
  const now = Date.now();
  const window = timelineWindow(at, now, now - retentionMs);
  const timeline = useReplayTimeline(window);
  if (timeline.isError) return <p className="replay-timeline empty">Timeline unavailable: {timeline.error.message}</p>;
  const buckets = timeline.data?.buckets ?? [];
  const bucketMs = timeline.data?.bucketMs ?? 1;
  return (
    <div className="replay-timeline" role="group" aria-label="Timeline" data-testid="replay-timeline">
      <span className="replay-timeline-edge">{formatClock(window.from)}</span>
      <div className="replay-timeline-bars">
        {buckets.map((bucket) => {
          const current = at >= bucket.start && at < bucket.start + bucketMs;
          const kind = bucket.records === 0 ? 'missing' : bucket.alertsFired > 0 ? 'alert' : 'data';
          return (
            <button
              key={bucket.start}
              type="button"
              className={`replay-bar replay-bar-${kind}${current ? ' replay-bar-current' : ''}`}
              title={`${formatClock(bucket.start)}: ${bucket.records} records${bucket.alertsFired ? `, ${bucket.alertsFired} alerts fired` : ''}${bucket.records === 0 ? ' (data missing)' : ''}`}
              aria-label={`${formatClock(bucket.start)} ${kind}`}
              onClick={() => onSeek(bucket.start + Math.floor(bucketMs / 2))}
            />
          );
        })}
      </div>
      <span className="replay-timeline-edge">{formatClock(window.until)}</span>
    </div>
  );
}
