import { useTranslation } from 'react-i18next'
import type { NodeStatus } from '../../../../electron/node/status.ts'
import { useFormatters } from '../../i18n/format.ts'
import { AddressList } from './AddressList.tsx'
import { StatusCard } from './StatusCard.tsx'
import { DataField } from '../../shared/DataField.tsx'

export function IpfsCard({ ipfs }: { ipfs: NodeStatus['ipfs'] }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <StatusCard title={t('status.ipfs.title')}>
      <DataField
        label={t('status.ipfs.peerId')}
        value={ipfs.peerId}
        testId="status-peer-id"
        copyValue={ipfs.peerId}
      />
      <DataField
        label={t('status.ipfs.listenAddresses')}
        value={
          <AddressList
            items={ipfs.listenAddresses}
            emptyText={t('status.ipfs.noListenAddresses')}
            label={t('status.ipfs.listenAddresses')}
          />
        }
      />
      <DataField
        label={t('status.ipfs.connectedPeers')}
        value={format.number(ipfs.connectedPeers.length)}
        testId="status-connected-peers"
        rawValue={ipfs.connectedPeers.length}
        details={
          <AddressList
            items={ipfs.connectedPeers}
            emptyText={t('status.ipfs.noPeers')}
            label={t('status.ipfs.connectedPeers')}
          />
        }
      />
      <DataField
        label={t('status.ipfs.repoSize')}
        value={format.bytes(ipfs.repoSizeBytes)}
        testId="status-repo-size"
        rawValue={ipfs.repoSizeBytes}
      />
    </StatusCard>
  )
}
