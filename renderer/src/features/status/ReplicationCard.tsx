import { List, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ReplicationStatus } from '../../../../electron/node/replication/replicator.ts'
import { emr } from '../../api/emr.ts'
import { useFormatters } from '../../i18n/format.ts'
import { DataField } from '../../shared/DataField.tsx'
import { isActiveAdmin } from '../../shared/access.ts'
import { useSession } from '../session/queries.ts'
import { StatusCard } from './StatusCard.tsx'

/** Counting asks every peer: less often than the rest of the status. */
const pollIntervalMs = 15_000

/**
 * How many nodes hold each record version, against `replication.copies`, and the versions held
 * by fewer (replication/replicator.ts). The count is the administrators': others see no card.
 */
export function ReplicationCard() {
  const session = useSession().data
  const isAdmin = !!session && isActiveAdmin(session)
  const replication = useQuery({
    queryKey: ['replication', 'status'],
    queryFn: (): Promise<ReplicationStatus> => emr.replication.status(),
    refetchInterval: pollIntervalMs,
    enabled: isAdmin,
  })
  if (!isAdmin || !replication.data) return null
  return <ReplicationFields replication={replication.data} />
}

function ReplicationFields({ replication }: { replication: ReplicationStatus }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const { underReplicated } = replication
  return (
    <StatusCard title={t('status.replication.title')}>
      <DataField
        label={t('status.replication.target')}
        value={
          replication.copies === 'all'
            ? t('status.replication.targetAll', { nodes: replication.nodes })
            : t('status.replication.targetCount', {
                copies: replication.copies,
                target: replication.target,
                nodes: replication.nodes,
              })
        }
        testId="replication-target"
        rawValue={replication.target}
      />
      <DataField
        label={t('status.replication.fullyReplicated')}
        value={t('status.replication.ofVersions', {
          fully: format.number(replication.fullyReplicated),
          versions: format.number(replication.versions),
        })}
        testId="replication-fully-replicated"
        rawValue={replication.fullyReplicated}
      />
      <DataField
        label={t('status.replication.underReplicated')}
        value={format.number(replication.versions - replication.fullyReplicated)}
        testId="replication-under-replicated"
        rawValue={replication.versions - replication.fullyReplicated}
        details={
          underReplicated.length > 0 && (
            <List size="sm" spacing={2} aria-label={t('status.replication.underReplicated')}>
              {underReplicated.map((version) => (
                <List.Item key={version.cid}>
                  <Text size="sm" component="span">
                    {t('status.replication.version', {
                      recordId: version.recordId,
                      version: version.version,
                      holders: version.holders,
                      target: replication.target,
                    })}
                  </Text>{' '}
                  <Text size="xs" c="dimmed" ff="monospace" component="span">
                    {version.cid}
                  </Text>
                </List.Item>
              ))}
            </List>
          )
        }
      />
      <DataField
        label={t('status.replication.local')}
        value={t('status.replication.localValue', {
          pinned: format.number(replication.local.pinned),
          pending: format.number(replication.local.pending),
          failed: format.number(replication.local.failed),
        })}
        testId="replication-local"
        rawValue={replication.local.pinned}
      />
    </StatusCard>
  )
}
