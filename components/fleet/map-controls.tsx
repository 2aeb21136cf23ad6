'use client';

interface MapControlsProps {
  selectedId: string | null;
  following: boolean;
  onFitList: () => void;
  onFitSelection: () => void;
  onFollowChange: (following: boolean) => void;
}

/** The map's toolbar: fit to what the list shows, fit to the open vehicle, follow it. Without a vehicle open the last two are off. */
export function MapControls({ selectedId, following, onFitList, onFitSelection, onFollowChange }: MapControlsProps) {
  const followingNow = following && selectedId !== null;
  return (
    <div className="fleet-map-controls" role="toolbar" aria-label="Map controls">
      <button type="button" onClick={onFitList}>
        Fit to list
      </button>
      <button type="button" disabled={!selectedId} onClick={onFitSelection}>
        Fit to selection
      </button>
      <button type="button" disabled={!selectedId} aria-pressed={followingNow} onClick={() => onFollowChange(!following)}>
        Follow {selectedId ?? 'vehicle'}
      </button>
    </div>
  );
}
