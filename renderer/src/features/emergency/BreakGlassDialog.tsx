import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NativeSelect,
  Stack,
  Text,
} from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import { KeysWaiting } from './KeysWaiting.tsx'
import { useDeclareEmergency } from './queries.ts'
import { emergencyReasons, reasonKeys, type EmergencyReason } from './reasons.ts'

interface BreakGlassDialogProps {
  patient: string
  /** The patient as shown (name or short address). */
  patientName: string
  opened: boolean
  onClose: () => void
}

/**
 * Emergency access without the patient's consent: a reason, and a confirmation that says what
 * follows. Cancel has the focus; the red button stays disabled until the user confirms.
 */
export function BreakGlassDialog({ patient, patientName, opened, onClose }: BreakGlassDialogProps) {
  const { t } = useTranslation()
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('emergency.declare.title')}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <BreakGlassForm patient={patient} patientName={patientName} onClose={onClose} />}
    </Modal>
  )
}

function BreakGlassForm({ patient, patientName, onClose }: Omit<BreakGlassDialogProps, 'opened'>) {
  const { t } = useTranslation()
  const [reason, setReason] = useState<EmergencyReason | ''>('')
  const [confirmed, setConfirmed] = useState(false)
  const [missing, setMissing] = useState(false)
  const declare = useDeclareEmergency()

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    if (reason === '') return setMissing(true)
    if (!confirmed) return
    declare.mutate({ patient, reason })
  }

  if (declare.isSuccess) {
    return (
      <Stack gap="md">
        <ReceiptCard receipt={declare.data.receipt} title={t('emergency.declare.doneTitle')} />
        {declare.data.keysReleasedAt ? (
          <Text size="sm">{t('emergency.declare.keysReleased')}</Text>
        ) : (
          <KeysWaiting emergency={declare.data} />
        )}
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('emergency.declare.close')}</Button>
        </Group>
      </Stack>
    )
  }

  return (
    <form onSubmit={handleSubmit} noValidate data-testid="break-glass-form">
      <Stack gap="md">
        <Alert
          color="red"
          variant="light"
          title={t('emergency.declare.warningTitle', { patient: patientName })}
        >
          <List size="sm" spacing={4}>
            <List.Item>{t('emergency.declare.warning24h')}</List.Item>
            <List.Item>{t('emergency.declare.warningLogged')}</List.Item>
            <List.Item>{t('emergency.declare.warningAlerted')}</List.Item>
            <List.Item>{t('emergency.declare.warningReview')}</List.Item>
          </List>
        </Alert>
        <NativeSelect
          label={t('emergency.declare.reason')}
          data={[
            { value: '', label: t('emergency.declare.chooseReason'), disabled: true },
            ...emergencyReasons.map((value) => ({ value, label: t(reasonKeys[value]) })),
          ]}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value as EmergencyReason)
            setMissing(false)
          }}
          error={missing ? t('emergency.declare.reasonRequired') : undefined}
        />
        <Checkbox
          label={t('emergency.declare.confirm')}
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
        />
        {declare.isError && (
          <ErrorAlert error={declare.error} title={t('emergency.declare.failed')} />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" disabled={!confirmed} loading={declare.isPending}>
            {t('emergency.declare.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
