import { Badge, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ParseKeys } from 'i18next'
import { useFormatters } from '../../i18n/format.ts'
import { toDisplayError } from '../../shared/errors.ts'
import { useNodeStatus } from './queries.ts'

/**
 * The header's at-a-glance health: chain and IPFS, green while the node answers, red while the
 * node or its chain cannot be reached. Not a live region: announcing every block would drown a
 * screen reader; the status screen has the details.
 */
export function NodeIndicator() {
  const { t } = useTranslation()
  const format = useFormatters()
  const status = useNodeStatus()

  const problem = status.isError ? problemBadge(status.error) : undefined
  const badges = problem
    ? [{ key: 'problem', color: problem.color, text: t(problem.textKey) }]
    : status.data
      ? [
          status.data.chain.outage
            ? { key: 'chain', color: 'red', text: t('indicator.chainUnreachable') }
            : {
                key: 'chain',
                color: 'green',
                text: t('indicator.chainBlock', {
                  height: format.number(status.data.chain.blockHeight),
                }),
              },
          {
            key: 'ipfs',
            color: status.data.ipfs.connectedPeers.length > 0 ? 'green' : 'yellow',
            text: t('indicator.ipfsPeers', {
              count: status.data.ipfs.connectedPeers.length,
              peers: format.number(status.data.ipfs.connectedPeers.length),
            }),
          },
        ]
      : [{ key: 'connecting', color: 'gray', text: t('indicator.connecting') }]

  return (
    <Group gap="xs" role="group" aria-label={t('indicator.label')} data-testid="node-indicator">
      {badges.map((badge) => (
        <Badge key={badge.key} variant="dot" color={badge.color} tt="none" size="lg" fw={500}>
          {badge.text}
        </Badge>
      ))}
    </Group>
  )
}

/** Starting up is expected and passes on its own; other failures need someone to look. */
function problemBadge(error: unknown): { color: string; textKey: ParseKeys } {
  const shown = toDisplayError(error)
  if (shown.kind === 'unreachable') return { color: 'red', textKey: 'indicator.offline' }
  if (shown.code === 'ERR_NODE_NOT_READY') return { color: 'yellow', textKey: 'indicator.starting' }
  return { color: 'red', textKey: 'indicator.error' }
}
