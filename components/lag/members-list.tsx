import type { GroupMember } from '@/lib/lag/api';

import styles from './lag.module.css';

export function MembersList({ members }: { members: readonly GroupMember[] }) {
  return (
    <section className={styles.panel} aria-labelledby="members-title">
      <h2 id="members-title">Members and assignments</h2>
      {members.length === 0 ? (
        <p className={styles.muted}>No members: nobody is consuming for this group now.</p>
      ) : (
        <table className={styles.table} aria-label="Members">
          <thead>
            <tr>
              <th>Client id</th>
              <th>Host</th>
              <th>Assignment</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.memberId} title={member.memberId}>
                <td>{member.clientId}</td>
                <td>{member.host}</td>
                <td>
                  {member.assignment.length === 0 ? (
                    <span className={styles.muted}>none</span>
                  ) : (
                    member.assignment.map((a) => `${a.topic} [${a.partitions.join(', ')}]`).join('; ')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
