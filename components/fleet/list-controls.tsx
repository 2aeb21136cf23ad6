'use client';

import type { Fleet, VehicleStatus } from '@/lib/contracts/fleet';
import { VEHICLE_STATUSES } from '@/lib/contracts/fleet';
import type { ListQuery } from '@/lib/fleet/list-query';

export function ListControls({ query, onChange }: { query: ListQuery; onChange: (query: ListQuery) => void }) {
  return (
    <div className="list-controls" role="search">
      <input
        type="search"
        aria-label="Search vehicles by id, plate or driver"
        placeholder="Search id, plate or driver"
        value={query.search}
        onChange={(event) => onChange({ ...query, search: event.target.value })}
      />
      <label>
        Fleet
        <select value={query.fleet} onChange={(event) => onChange({ ...query, fleet: event.target.value as Fleet | 'all' })}>
          <option value="all">All</option>
          <option value="cabs">Cabs</option>
          <option value="tankers">Tankers</option>
        </select>
      </label>
      <label>
        Status
        <select value={query.status} onChange={(event) => onChange({ ...query, status: event.target.value as VehicleStatus | 'all' })}>
          <option value="all">All</option>
          {VEHICLE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={query.onlyWithAlerts} onChange={(event) => onChange({ ...query, onlyWithAlerts: event.target.checked })} />
        Has alert
      </label>
    </div>
  );
}
