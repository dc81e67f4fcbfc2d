import { Alert, Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { servedRpcUrl } from '../../../../electron/node/chain/rpc-address.ts'
import type { NodeStatus } from '../../../../electron/node/status.ts'
import { useFormatters } from '../../i18n/format.ts'
import { HostedChainNotice } from './HostedChainNotice.tsx'
import { StatusCard } from './StatusCard.tsx'
import { DataField } from '../../shared/DataField.tsx'

export function ChainCard({ chain }: { chain: NodeStatus['chain'] }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const { outage } = chain
  return (
    <StatusCard title={t('status.chain.title')}>
      {outage && (
        <Alert
          color="red"
          variant="filled"
          role="alert"
          title={t('status.chain.unreachableTitle')}
          data-testid="status-chain-unreachable"
        >
          {t('status.chain.unreachable', { since: format.dateTime(outage.since) })}
        </Alert>
      )}
      <DataField
        label={t('status.chain.reach')}
        value={
          <Badge variant="light" color={outage ? 'red' : 'green'} tt="none" size="md">
            {outage ? t('status.chain.unreachableBadge') : t('status.chain.reachable')}
          </Badge>
        }
        testId="status-chain-reach"
      />
      {outage && (
        <>
          <DataField
            label={t('status.chain.lastError')}
            value={outage.lastError}
            testId="status-chain-last-error"
          />
          <DataField
            label={t('status.chain.lastContact')}
            value={
              outage.lastContactAt
                ? format.dateTime(outage.lastContactAt)
                : t('status.chain.lastContactNever')
            }
          />
        </>
      )}
      <DataField
        label={t('status.chain.mode')}
        value={
          <Badge variant="light" tt="none" size="md">
            {chain.mode === 'embedded'
              ? t('status.chain.modeEmbedded')
              : t('status.chain.modeExternal')}
          </Badge>
        }
      />
      {/* An identifier, not a quantity: no digit grouping. */}
      <DataField
        label={t('status.chain.chainId')}
        value={String(chain.chainId)}
        testId="status-chain-id"
        rawValue={chain.chainId}
      />
      <DataField
        label={outage ? t('status.chain.lastKnownBlock') : t('status.chain.blockHeight')}
        value={format.number(chain.blockHeight)}
        testId="status-block-height"
        rawValue={chain.blockHeight}
      />
      <DataField
        label={t('status.chain.contractAddress')}
        value={chain.contractAddress}
        testId="status-contract-address"
        copyValue={chain.contractAddress}
      />
      {chain.rpcUrl ? (
        <DataField label={t('status.chain.rpcUrl')} value={chain.rpcUrl} copyValue={chain.rpcUrl} />
      ) : (
        <DataField label={t('status.chain.rpcUrl')} value={t('status.chain.rpcUrlNone')} />
      )}
      {chain.gateway && (
        <DataField
          label={t('status.chain.gateway')}
          value={servedRpcUrl(chain.gateway)}
          testId="status-chain-gateway"
          copyValue={servedRpcUrl(chain.gateway)}
          details={<HostedChainNotice />}
        />
      )}
    </StatusCard>
  )
}
