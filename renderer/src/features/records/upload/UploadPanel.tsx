import {
  Alert,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { recordDetailsSchema } from '../../../../../electron/node/records/schemas.ts'
import { ConfirmDialog } from '../../../shared/ConfirmDialog.tsx'
import { useLeaveGuard } from '../../../shared/useLeaveGuard.ts'
import { useSchemaForm } from '../../../shared/useSchemaForm.ts'
import { categoryKeys, recordCategories, type RecordCategory } from '../categories.ts'
import { PatientLine } from '../chart/PatientLine.tsx'
import { usePatientRow } from '../chart/usePatientRow.ts'
import { FilePicker } from './FilePicker.tsx'
import { today } from './today.ts'
import { titleIsValid, UploadItemCard } from './UploadItemCard.tsx'
import { clearedToSend, useUploadQueue } from './useUploadQueue.ts'

export interface UploadTarget {
  /** A new version of this record; a new record when absent. */
  recordId?: number
  /** The record's current title and category, as the new version's starting values. */
  title?: string
  category?: RecordCategory
}

const rules = {
  category: {
    schema: recordDetailsSchema.shape.category,
    messageKey: 'records.upload.categoryRequired',
  },
  dateOfCare: {
    schema: recordDetailsSchema.shape.dateOfCare,
    messageKey: 'records.upload.dateInvalid',
  },
} as const

interface UploadPanelProps {
  patient: string
  target: UploadTarget
  onBusyChange: (busy: boolean) => void
  onClose: () => void
}

/** Choose files, say what they are, send them one by one, and see what the chain recorded. */
export function UploadPanel({ patient, target, onBusyChange, onClose }: UploadPanelProps) {
  const { t } = useTranslation()
  const newVersion = target.recordId !== undefined
  const chartName = usePatientRow(patient).row?.name
  const queue = useUploadQueue(patient, target.recordId, chartName)
  // Leaving mid-upload stops the file being sent; a reload leaves it to resume (the node keeps it).
  const leaving = useLeaveGuard(queue.running)
  const form = useSchemaForm({
    initialValues: { category: target.category ?? '', dateOfCare: today() },
    rules,
  })
  const [showTitleErrors, setShowTitleErrors] = useState(false)
  const ready = queue.items.filter((item) => item.status === 'ready')
  const finished = queue.items.length > 0 && ready.length === 0 && !queue.running

  useEffect(() => {
    onBusyChange(queue.running)
    return () => onBusyChange(false)
  }, [queue.running, onBusyChange])

  function addFiles(files: File[]) {
    // A new version keeps the record's title: the chosen file's name does not replace it.
    queue.add(files, newVersion ? target.title : undefined)
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    setShowTitleErrors(true)
    if (!values || ready.some((item) => !titleIsValid(item.title) || !clearedToSend(item))) return
    void queue.start(values)
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate>
      <ConfirmDialog
        opened={leaving.state === 'blocked'}
        title={t('records.upload.leaveTitle')}
        confirmLabel={t('records.upload.leaveConfirm')}
        onConfirm={() => leaving.proceed?.()}
        onCancel={() => leaving.reset?.()}
      >
        {t('records.upload.leaveText')}
      </ConfirmDialog>
      <Stack gap="md">
        <PatientLine patient={patient} />
        <Text size="sm" c="dimmed">
          {newVersion
            ? t('records.upload.versionIntro', { id: target.recordId })
            : t('records.upload.intro')}
        </Text>
        <FilePicker multiple={!newVersion} disabled={queue.running} onFiles={addFiles} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('records.upload.category')}
            required
            disabled={queue.running}
            data={[
              { value: '', label: t('records.upload.chooseCategory'), disabled: true },
              ...recordCategories.map((category) => ({
                value: category,
                label: t(categoryKeys[category]),
              })),
            ]}
            {...form.inputProps('category')}
          />
          <TextInput
            type="date"
            label={t('records.upload.dateOfCare')}
            required
            disabled={queue.running}
            max={today()}
            {...form.inputProps('dateOfCare')}
          />
        </SimpleGrid>
        {queue.items.length === 0 && showTitleErrors && (
          <Alert color="red" variant="light">
            {t('records.upload.noFiles')}
          </Alert>
        )}
        {queue.items.map((item) => (
          <UploadItemCard
            key={item.key}
            item={item}
            showErrors={showTitleErrors}
            onTitle={(title) => queue.setTitle(item.key, title)}
            onConfirm={(confirmed) => queue.confirm(item.key, confirmed)}
            onRemove={() => queue.remove(item.key)}
            onRetry={() => queue.retry(item.key)}
          />
        ))}
        <Group
          gap="sm"
          py="md"
          bg="white"
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 1,
            borderTop: '1px solid var(--mantine-color-gray-3)',
          }}
        >
          {queue.running ? (
            <Button variant="default" color="red" onClick={queue.cancel}>
              {t('records.upload.cancel')}
            </Button>
          ) : (
            <>
              {ready.length > 0 || queue.items.length === 0 ? (
                <Button type="submit" disabled={queue.items.length === 0}>
                  {ready.length === 0
                    ? t('records.upload.submitNone')
                    : t('records.upload.submit', { count: ready.length })}
                </Button>
              ) : null}
              {finished && (
                <>
                  <Button onClick={onClose}>{t('records.upload.done')}</Button>
                  {!newVersion && (
                    <Button variant="default" onClick={queue.clearFinished}>
                      {t('records.upload.more')}
                    </Button>
                  )}
                </>
              )}
            </>
          )}
        </Group>
      </Stack>
    </form>
  )
}
