import { Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../../../i18n/format.ts'
import { Link } from 'react-router'
import { CopyValueButton } from '../../../shared/CopyValueButton.tsx'
import { recordsPath } from '../recordsPath.ts'
import { usePatientRow } from './usePatientRow.ts'

interface PatientBannerProps {
  patient: string
  /** Staff may switch to another patient's chart. */
  canChange: boolean
  /** The signed-in patient's own chart. */
  isSelf: boolean
}

/** Whose chart this is, always in view: name, record number and birth date, then the address. */
export function PatientBanner({ patient, canChange, isSelf }: PatientBannerProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  // Patients registered at this node are found by their address; others show the address only.
  const { row, isPending } = usePatientRow(patient, !isSelf)

  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="section"
      aria-label={t('records.banner.label')}
      data-testid="chart-patient"
    >
      <Group justify="space-between" align="center" wrap="wrap" gap="md">
        <Stack gap={2}>
          {isSelf ? (
            <Title order={2} size="h4">
              {t('records.banner.yourRecords')}
            </Title>
          ) : isPending ? (
            <Skeleton height={22} width={240} />
          ) : (
            <Title order={2} size="h4" data-testid="chart-patient-name">
              {row?.name ?? t('records.banner.unknownPatient')}
            </Title>
          )}
          {row && (
            <Text size="sm" c="dimmed">
              {t('fields.medicalRecordNumber')}{' '}
              <Text span ff="monospace" c="dark">
                {row.medicalRecordNumber}
              </Text>
              {' · '}
              {t('fields.birthDate')}{' '}
              <time dateTime={row.birthDate}>{format.date(row.birthDate)}</time>
            </Text>
          )}
          <Group gap={4} wrap="nowrap">
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {patient}
            </Text>
            <CopyValueButton value={patient} label={t('fields.address')} />
          </Group>
        </Stack>
        {canChange && (
          <Button component={Link} to={`/${recordsPath}`} variant="default" size="sm">
            {t('records.banner.change')}
          </Button>
        )}
      </Group>
    </Card>
  )
}
