'use client';

import { SALES_RANGES_MIN } from '@/lib/api/sales';

const LABELS: Record<(typeof SALES_RANGES_MIN)[number], string> = { 15: '15 min', 60: '1 h', 360: '6 h', 1440: '24 h' };

export function RangePicker({ minutes, onChange }: { minutes: number; onChange: (minutes: number) => void }) {
  return (
    <div className="range-picker" role="group" aria-label="Range">
      {SALES_RANGES_MIN.map((range) => (
        <button key={range} type="button" className="range-button" aria-pressed={range === minutes} onClick={() => onChange(range)}>
          {LABELS[range]}
        </button>
      ))}
    </div>
  );
}
