'use client';

import type { ZoneOption } from './use-zone-lookup';

/**
 * The subject pickers each team narrows alerts by, shared by the inbox's filters and the silence
 * form: fleet (cabs, tankers) for the fleet team, zone for the security desk, consumer group for
 * the platform team. An empty value means "any".
 */
export function FleetField({ value, anyLabel, onChange }: { value: string; anyLabel: string; onChange: (fleet: 'cabs' | 'tankers' | undefined) => void }) {
  return (
    <label>
      Fleet
      <select value={value} onChange={(event) => onChange((event.target.value || undefined) as 'cabs' | 'tankers' | undefined)}>
        <option value="">{anyLabel}</option>
        <option value="cabs">cabs</option>
        <option value="tankers">tankers</option>
      </select>
    </label>
  );
}

export function ZoneField({
  value,
  zones,
  anyLabel,
  onChange,
}: {
  value: string;
  zones: readonly ZoneOption[];
  anyLabel: string;
  onChange: (zoneId: string | undefined) => void;
}) {
  // A zone named in the URL that the snapshot does not (yet) list is still offered.
  const options = !value || zones.some((zone) => zone.zoneId === value) ? zones : [...zones, { zoneId: value, name: value }];
  return (
    <label>
      Zone
      <select value={value} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{anyLabel}</option>
        {options.map((zone) => (
          <option key={zone.zoneId} value={zone.zoneId}>
            {zone.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function GroupField({ id, value, groups, onChange }: { id: string; value: string; groups: readonly string[]; onChange: (groupId: string) => void }) {
  return (
    <label>
      Consumer group
      <input size={16} list={id} value={value} placeholder="any" onChange={(event) => onChange(event.target.value)} />
      <datalist id={id}>
        {groups.map((group) => (
          <option key={group} value={group} />
        ))}
      </datalist>
    </label>
  );
}
