import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  suspensionReasonKeys,
  suspensionReasons,
  type SuspensionReason,
} from './suspensionReasons.ts'

interface SuspendDialogProps {
  /** The staff member as shown (name or short address); undefined keeps the dialog closed. */
  who: string | undefined
  onConfirm: (reason: SuspensionReason) => void
  onCancel: () => void
}

/**
 * Suspension stops a staff member reading and uploading at once: the administrator confirms and
 * picks a reason. The reason is a code kept in this node's audit trail, never free text on chain.
 */
export function SuspendDialog({ who, onConfirm, onCancel }: SuspendDialogProps) {
  const { t } = useTranslation()
  return (
    <Modal
      opened={who !== undefined}
      onClose={onCancel}
      title={t('staff.suspendDialog.title', { who })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {who !== undefined && <SuspendForm who={who} onConfirm={onConfirm} onCancel={onCancel} />}
    </Modal>
  )
}

function SuspendForm({ who, onConfirm, onCancel }: SuspendDialogProps & { who: string }) {
  const { t } = useTranslation()
  const [reason, setReason] = useState<SuspensionReason | ''>('')
  const [missing, setMissing] = useState(false)

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    if (reason === '') return setMissing(true)
    onConfirm(reason)
  }

  return (
    <form onSubmit={handleSubmit} noValidate data-testid="suspend-form">
      <Stack gap="lg">
        <Text size="sm">{t('staff.suspendDialog.body', { who })}</Text>
        <NativeSelect
          label={t('staff.suspendDialog.reason')}
          description={t('staff.suspendDialog.reasonDescription')}
          required
          value={reason}
          error={missing && reason === '' ? t('staff.suspendDialog.reasonMissing') : undefined}
          onChange={(event) => setReason(event.currentTarget.value as SuspensionReason | '')}
          data={[
            { value: '', label: t('staff.suspendDialog.reasonPlaceholder'), disabled: true },
            ...suspensionReasons.map((code) => ({
              value: code,
              label: t(suspensionReasonKeys[code]),
            })),
          ]}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red">
            {t('staff.suspendDialog.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
