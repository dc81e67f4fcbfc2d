import { DataList, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UploadResult } from '../../../../../electron/node/records/types.ts'
import { DataField } from '../../../shared/DataField.tsx'
import { ReceiptCard } from '../../../shared/ReceiptCard.tsx'

/** What the chain now holds for the file: record, version and CID, then the transaction. */
export function UploadResultCard({ result }: { result: UploadResult }) {
  const { t } = useTranslation()
  return (
    <Stack gap="sm" data-testid="upload-result">
      <DataList gap="sm" labelWidth="10rem" withDivider>
        <DataField
          label={t('records.result.recordId')}
          value={String(result.recordId)}
          rawValue={result.recordId}
          testId="upload-result-record-id"
        />
        <DataField
          label={t('records.result.version')}
          value={String(result.version)}
          rawValue={result.version}
          testId="upload-result-version"
        />
        <DataField
          label={t('records.result.cid')}
          value={result.cid}
          copyValue={result.cid}
          testId="upload-result-cid"
        />
      </DataList>
      <ReceiptCard receipt={result.receipt} title={t('records.result.receiptTitle')} />
    </Stack>
  )
}
