import { Alert, Checkbox, List, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { isBlocking, type FileWarning } from './fileChecks.ts'

interface FileWarningsProps {
  warnings: FileWarning[]
  confirmed: boolean
  /** Set when the uploader must act: the card's error state. */
  showError: boolean
  onConfirm: (confirmed: boolean) => void
}

function WarningText({ warning }: { warning: FileWarning }) {
  const { t } = useTranslation()
  switch (warning.kind) {
    case 'empty':
      return t('records.upload.warnings.empty')
    case 'fhir-not-json':
      return t('records.upload.warnings.fhirNotJson')
    case 'fhir-no-resource-type':
      return t('records.upload.warnings.fhirNoResourceType')
    case 'dicom-damaged':
      return t('records.upload.warnings.dicomDamaged', { message: warning.message })
    case 'dicom-other-patient':
      return t('records.upload.warnings.dicomOtherPatient', {
        nameInFile: warning.nameInFile,
        chartName: warning.chartName,
      })
  }
}

/** What the checks found in a chosen file, and the uploader's confirmation to send it anyway. */
export function FileWarnings({ warnings, confirmed, showError, onConfirm }: FileWarningsProps) {
  const { t } = useTranslation()
  const blocking = warnings.some(isBlocking)
  return (
    <Alert
      color={blocking ? 'red' : 'yellow'}
      variant="light"
      title={t('records.upload.warnings.title')}
      data-testid="upload-warnings"
    >
      <Stack gap="xs">
        <List size="sm" spacing={4}>
          {warnings.map((warning) => (
            <List.Item key={warning.kind} data-testid={`upload-warning-${warning.kind}`}>
              <WarningText warning={warning} />
            </List.Item>
          ))}
        </List>
        {!blocking && (
          <>
            <Text size="sm">{t('records.upload.warnings.permanent')}</Text>
            <Checkbox
              checked={confirmed}
              onChange={(event) => onConfirm(event.currentTarget.checked)}
              label={t('records.upload.warnings.confirm')}
              error={showError && !confirmed ? t('records.upload.warnings.unconfirmed') : undefined}
            />
          </>
        )}
      </Stack>
    </Alert>
  )
}
