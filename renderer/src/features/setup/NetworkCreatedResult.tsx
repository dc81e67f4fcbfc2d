import { Alert, Card, DataList, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { NetworkCreated } from '../../../../electron/node/identity/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { DataField } from '../../shared/DataField.tsx'
import { useReceiptResult } from '../../shared/receiptResult.ts'
import { RecoveryPhrase } from '../../shared/RecoveryPhrase.tsx'
import { WrittenDownConfirm } from '../../shared/WrittenDownConfirm.tsx'
import { SiteConfigDownload } from './SiteConfigDownload.tsx'

interface NetworkCreatedResultProps {
  result: NetworkCreated
  onContinue: () => void
}

/** The new network, and the two recovery phrases, shown this once. */
export function NetworkCreatedResult({ result, onContinue }: NetworkCreatedResultProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const resultText = useReceiptResult()
  return (
    <Stack gap="lg" maw={900}>
      <Alert color="green" variant="light" title={t('setup.createdTitle')}>
        {t('setup.createdBody', { institution: result.institution.name })}
      </Alert>

      <Card withBorder radius="md" padding="lg">
        <DataList gap="sm" labelWidth="12rem" withDivider>
          <DataField
            label={t('fields.institution')}
            value={`${result.institution.name} (#${result.institution.id})`}
          />
          <DataField
            label={t('setup.governorAddress')}
            value={result.governor}
            copyValue={result.governor}
            testId="setup-governor-address"
          />
          <DataField
            label={t('setup.adminAddress')}
            value={result.admin}
            copyValue={result.admin}
            testId="setup-admin-address"
          />
        </DataList>
      </Card>

      <Alert color="yellow" variant="light" title={t('recovery.onceTitle')}>
        {t('recovery.onceBody')}
      </Alert>
      <RecoveryPhrase
        phrase={result.mnemonics.governor}
        label={t('setup.governorPhrase')}
        testId="governor-recovery-phrase"
      />
      <RecoveryPhrase
        phrase={result.mnemonics.admin}
        label={t('setup.adminPhrase')}
        testId="admin-recovery-phrase"
      />

      {result.receipts.length > 0 && (
        <Card
          withBorder
          radius="md"
          padding="lg"
          component="section"
          aria-label={t('setup.transactions')}
        >
          <Title order={2} size="h4" mb="sm">
            {t('setup.transactions')}
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" tabularNums>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('receipt.result')}</Table.Th>
                  <Table.Th>{t('receipt.blockNumber')}</Table.Th>
                  <Table.Th>{t('receipt.gasUsed')}</Table.Th>
                  <Table.Th>{t('receipt.txHash')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.receipts.map((receipt) => (
                  <Table.Tr key={receipt.txHash}>
                    <Table.Td>{resultText(receipt.result)}</Table.Td>
                    <Table.Td ff="monospace">{receipt.blockNumber}</Table.Td>
                    <Table.Td ff="monospace">{format.number(Number(receipt.gasUsed))}</Table.Td>
                    <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {receipt.txHash}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}

      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="xs">
          {t('siteConfig.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('siteConfig.description')}
        </Text>
        <SiteConfigDownload />
      </Card>

      <WrittenDownConfirm continueLabel={t('setup.continue')} onContinue={onContinue} />
    </Stack>
  )
}
