import { Button, Group } from '@mantine/core'
import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AuditExportFormat } from './queries.ts'

const formats: readonly { format: AuditExportFormat; labelKey: ParseKeys }[] = [
  { format: 'csv', labelKey: 'audit.export.csv' },
  { format: 'fhir', labelKey: 'audit.export.fhir' },
]

interface ExportButtonsProps {
  /** The format being prepared, if any; the buttons wait for it. */
  busy: AuditExportFormat | undefined
  onExport: (format: AuditExportFormat) => void
}

/** Saves the timeline as filtered: CSV for spreadsheets, FHIR AuditEvents for other systems. */
export function ExportButtons({ busy, onExport }: ExportButtonsProps) {
  const { t } = useTranslation()
  return (
    <Group gap="xs" role="group" aria-label={t('audit.export.label')}>
      {formats.map(({ format, labelKey }) => (
        <Button
          key={format}
          variant="default"
          size="sm"
          onClick={() => onExport(format)}
          loading={busy === format}
          disabled={busy !== undefined}
        >
          {t(labelKey)}
        </Button>
      ))}
    </Group>
  )
}
