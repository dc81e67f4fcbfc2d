import { useTranslation } from 'react-i18next'
import type { NodeStatus } from '../../../../electron/node/status.ts'
import { useFormatters } from '../../i18n/format.ts'
import { StatusCard } from './StatusCard.tsx'
import { DataField } from '../../shared/DataField.tsx'

type NodeInfo = Pick<NodeStatus, 'version' | 'dataDir' | 'startedAt' | 'nodeSecret'>

const secretKeys = {
  'os-keychain': 'status.node.secretKeychain',
  environment: 'status.node.secretEnvironment',
} as const

export function NodeCard({ node }: { node: NodeInfo }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <StatusCard title={t('status.node.title')}>
      <DataField label={t('status.node.version')} value={node.version} />
      <DataField label={t('status.node.dataDir')} value={node.dataDir} copyValue={node.dataDir} />
      <DataField
        label={t('status.node.startedAt')}
        value={<time dateTime={node.startedAt}>{format.dateTime(node.startedAt)}</time>}
      />
      <DataField
        label={t('status.node.secret')}
        value={t(node.nodeSecret ? secretKeys[node.nodeSecret] : 'status.node.secretNone')}
      />
    </StatusCard>
  )
}
