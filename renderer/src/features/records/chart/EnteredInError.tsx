import { Alert, Badge, Button, Modal, NativeSelect, Stack, Text, Group } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  enteredInErrorReasons,
  type EnteredInErrorReason,
} from '../../../../../electron/node/records/entered-in-error-schema.ts'
import type { RecordVersionView } from '../../../../../electron/node/records/types.ts'
import { emr } from '../../../api/emr.ts'
import { useFormatters } from '../../../i18n/format.ts'
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx'
import { patientRecordsKey } from '../queries.ts'
import { UploaderName } from './UploaderName.tsx'

type Mark = NonNullable<RecordVersionView['enteredInError']>

const reasonKeys = {
  'wrong-patient': 'records.enteredInError.reasons.wrongPatient',
  'wrong-content': 'records.enteredInError.reasons.wrongContent',
  duplicate: 'records.enteredInError.reasons.duplicate',
  other: 'records.enteredInError.reasons.other',
} as const satisfies Record<EnteredInErrorReason, string>

/** The chart's short sign on a version marked entered in error. */
export function EnteredInErrorBadge({ mark }: { mark: Mark }) {
  const { t } = useTranslation()
  return (
    <Badge color="red" variant="light" tt="none" data-testid="entered-in-error-badge">
      {t('records.enteredInError.badge', { reason: t(reasonKeys[mark.reason]) })}
    </Badge>
  )
}

/** What the viewer and the version history say of a version marked entered in error. */
export function EnteredInErrorBanner({ mark, self }: { mark: Mark; self: string }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <Alert
      color="red"
      variant="light"
      title={t('records.enteredInError.title')}
      data-testid="entered-in-error"
    >
      <Stack gap={4}>
        <Text size="sm">
          {t('records.enteredInError.reasonLine', { reason: t(reasonKeys[mark.reason]) })}
        </Text>
        <Text size="sm">
          {t('records.enteredInError.by')} <UploaderName address={mark.by} self={self} />
          {mark.at && ` · ${format.dateTime(mark.at)}`}
          {` · ${t('records.enteredInError.block', { block: mark.blockNumber })}`}
        </Text>
        <Text size="xs" c="dimmed">
          {t('records.enteredInError.stillReadable')}
        </Text>
      </Stack>
    </Alert>
  )
}

/**
 * Marks a version entered in error, after the user picks a reason and confirms: the mark is on
 * chain for good, and the version stays readable.
 */
export function MarkEnteredInError({ version }: { version: RecordVersionView }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [opened, setOpened] = useState(false)
  const [reason, setReason] = useState<EnteredInErrorReason | ''>('')
  const mark = useMutation({
    mutationFn: (chosen: EnteredInErrorReason) =>
      emr.records.markEnteredInError({
        recordId: version.recordId,
        version: version.version,
        reason: chosen,
      }),
    onSuccess: () => {
      setOpened(false)
      void queryClient.invalidateQueries({ queryKey: patientRecordsKey(version.patient) })
    },
  })
  const close = () => {
    if (mark.isPending) return
    setOpened(false)
    setReason('')
    mark.reset()
  }
  const title = t('records.enteredInError.dialogTitle', {
    id: version.recordId,
    version: version.version,
  })
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={() => setOpened(true)}>
        {t('records.enteredInError.action')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={title}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text size="sm">{t('records.enteredInError.explain')}</Text>
          <NativeSelect
            label={t('records.enteredInError.reason')}
            required
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value as EnteredInErrorReason)}
            data={[
              { value: '', label: t('records.enteredInError.chooseReason'), disabled: true },
              ...enteredInErrorReasons.map((value) => ({
                value,
                label: t(reasonKeys[value]),
              })),
            ]}
          />
          {mark.isError && <ErrorAlert error={mark.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={reason === ''}
              loading={mark.isPending}
              onClick={() => reason !== '' && mark.mutate(reason)}
            >
              {t('records.enteredInError.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
