import { Box, Card, DataList, Group, Text, ThemeIcon, Title } from '@mantine/core'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { TxReceiptView } from '../../../electron/node/identity/types.ts'
import { useFormatters } from '../i18n/format.ts'
import { DataField } from './DataField.tsx'
import { useReceiptResult } from './receiptResult.ts'
import { TopUpNote } from './TopUpNote.tsx'

interface ReceiptCardProps {
  receipt: TxReceiptView
  /** What was done, e.g. "Registration sent"; the card is a region named by it. */
  title?: string
}

/**
 * A mined transaction as the paper's Fig. 2 shows it: contract address, transaction hash, gas
 * used and result, plus the block; each value in monospace and copyable, for the audit.
 */
export function ReceiptCard({ receipt, title }: ReceiptCardProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const titleId = useId()
  const result = useReceiptResult()(receipt.result)

  return (
    <Card
      component="section"
      aria-labelledby={titleId}
      withBorder
      radius="md"
      padding="lg"
      data-testid="receipt-card"
    >
      <Group gap="sm" mb="sm" wrap="nowrap">
        <ThemeIcon color="green" variant="light" radius="xl" size="md" aria-hidden>
          <svg
            width="16"
            height="16"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.5"
          >
            <path d="M5 12l5 5L20 7" />
          </svg>
        </ThemeIcon>
        <Title id={titleId} order={2} size="h4">
          {title ?? t('receipt.title')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('receipt.description')}
      </Text>
      <DataList gap="sm" labelWidth="10rem" withDivider>
        <DataField
          label={t('receipt.contractAddress')}
          value={receipt.contractAddress}
          copyValue={receipt.contractAddress}
          testId="receipt-contract-address"
        />
        <DataField
          label={t('receipt.txHash')}
          value={receipt.txHash}
          copyValue={receipt.txHash}
          testId="receipt-tx-hash"
        />
        <DataField
          label={t('receipt.gasUsed')}
          value={format.number(Number(receipt.gasUsed))}
          copyValue={receipt.gasUsed}
          rawValue={receipt.gasUsed}
          testId="receipt-gas-used"
        />
        <DataField
          label={t('receipt.result')}
          value={result}
          copyValue={result}
          rawValue={receipt.result}
          testId="receipt-result"
        />
        <DataField
          label={t('receipt.blockNumber')}
          value={String(receipt.blockNumber)}
          copyValue={String(receipt.blockNumber)}
          rawValue={receipt.blockNumber}
          testId="receipt-block-number"
        />
      </DataList>
      {receipt.topUp && (
        <Box mt="md">
          <TopUpNote topUp={receipt.topUp} />
        </Box>
      )}
    </Card>
  )
}
