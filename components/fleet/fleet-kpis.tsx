import type { FleetCounts } from '@/lib/api/fleet';
import { formatNumber } from '@/lib/format';

const TILES: { key: keyof FleetCounts; label: string }[] = [
  { key: 'total', label: 'Vehicles' },
  { key: 'moving', label: 'Moving' },
  { key: 'idle', label: 'Idle' },
  { key: 'parked', label: 'Parked' },
  { key: 'offline', label: 'Offline' },
];

export function FleetKpis({ counts }: { counts: FleetCounts }) {
  return (
    <dl className="kpis">
      {TILES.map((tile) => (
        <div key={tile.key} className={`kpi kpi-${tile.key}`}>
          <dt>{tile.label}</dt>
          <dd data-testid={`kpi-${tile.key}`}>{formatNumber(counts[tile.key])}</dd>
        </div>
      ))}
    </dl>
  );
}
