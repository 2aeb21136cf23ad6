import Link from 'next/link';

import type { ZoneLookup } from '@/lib/alerts/describe';
import { subjectName } from '@/lib/alerts/describe';
import type { Alert } from '@/lib/contracts/alerts';

/** Where an alert's subject lives: the fleet page with the vehicle open, the zone on the concentration page, the group's lag page. */
export function subjectHref(alert: Alert): string | undefined {
  switch (alert.kind) {
    case 'anomaly':
      return `/fleet?vehicle=${encodeURIComponent(alert.vehicleId)}`;
    case 'capacity':
      return `/concentration?zone=${encodeURIComponent(alert.zoneId)}`;
    case 'consumer-lag':
      return `/lag/${encodeURIComponent(alert.groupId)}`;
    case 'external':
      return undefined;
  }
}

const LEADS: Record<Alert['kind'], string> = { anomaly: 'Vehicle', capacity: 'Zone', 'consumer-lag': 'Consumer group', external: 'Source' };

/** "Vehicle NR-008-S (cab-0012) →": the alert's subject, as a link to its own page. */
export function SubjectLink({ alert, zones }: { alert: Alert; zones?: ZoneLookup }) {
  const href = subjectHref(alert);
  const name = subjectName(alert, zones);
  const label = alert.kind === 'anomaly' && name !== alert.vehicleId ? `${name} (${alert.vehicleId})` : name;
  if (!href) return <span>{label}</span>;
  return (
    <Link href={href} data-testid="subject-link">
      {LEADS[alert.kind]} {label} →
    </Link>
  );
}
