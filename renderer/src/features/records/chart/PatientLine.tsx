import { Paper, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { shortAddress } from '../../../shared/address.ts'
import { usePatientRow } from './usePatientRow.ts'

/** Whose chart a file goes into, repeated where the upload is decided. */
export function PatientLine({ patient }: { patient: string }) {
  const { t } = useTranslation()
  const { row } = usePatientRow(patient)
  return (
    <Paper bg="clinical.0" px="sm" py={6} radius="sm" data-testid="upload-patient">
      <Text size="sm">
        <Text span c="dimmed">
          {t('records.upload.patient')}
        </Text>{' '}
        {row ? (
          <>
            <Text span fw={600}>
              {row.name}
            </Text>{' '}
            ·{' '}
            <Text span ff="monospace">
              {row.medicalRecordNumber}
            </Text>{' '}
            ·{' '}
          </>
        ) : null}
        <Text span ff="monospace" title={patient}>
          {shortAddress(patient)}
        </Text>
      </Text>
    </Paper>
  )
}
