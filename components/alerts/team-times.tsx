import type { TeamTimes as TeamTimesRow } from '@/lib/api/alerts';
import { formatDuration } from '@/lib/format';

import styles from './alerts.module.css';

/** Per team: what is open now, and the median time from detection to acknowledgement and to resolution. */
export function TeamTimes({ teams }: { teams: TeamTimesRow[] }) {
  return (
    <section className={styles.panel} aria-labelledby="team-times-title">
      <h2 id="team-times-title">Response times per team</h2>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Open</th>
            <th scope="col">Firing, unacknowledged</th>
            <th scope="col">Time to acknowledge (median)</th>
            <th scope="col">Time to resolve (median)</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.team} data-testid={`team-times-${team.team}`}>
              <td>{team.team}</td>
              <td>{team.open}</td>
              <td>{team.unacknowledged}</td>
              <td title={`${team.acknowledgedCount} acknowledged`} data-testid="time-to-acknowledge">
                {formatDuration(team.timeToAcknowledgeS)}
              </td>
              <td title={`${team.resolvedCount} resolved`}>{formatDuration(team.timeToResolveS)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
