import { Alert, Button, Card, Checkbox, DataList, Group, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PatientRegistration } from '../../../../electron/node/identity/types.ts'
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx'
import { DataField } from '../../shared/DataField.tsx'
import { downloadText } from '../../shared/download.ts'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import { useLeaveGuard } from '../../shared/useLeaveGuard.ts'
import { PatientQr } from './PatientQr.tsx'

interface PatientExportPanelProps {
  registration: PatientRegistration
  onDone: () => void
  /** The receipt's title; registration's by default (a key re-issue hands out the same way). */
  receiptTitle?: string
  /** The label of the button that ends the hand-over. */
  doneLabel?: string
}

/**
 * The patient's key, handed over once: the node does not keep it. The QR code carries the
 * address only; the key file and its passphrase go to the patient. Until staff confirm the
 * hand-over, leaving (another screen, another patient, closing or reloading) asks first.
 */
export function PatientExportPanel({
  registration,
  onDone,
  receiptTitle,
  doneLabel,
}: PatientExportPanelProps) {
  const { t } = useTranslation()
  const { patient, passphrase, keystoreJson, receipt } = registration
  const [downloaded, setDownloaded] = useState(false)
  // Until staff say the patient has the key file and passphrase, leaving the screen asks first.
  const [handedOver, setHandedOver] = useState(false)
  const [confirmDone, setConfirmDone] = useState(false)
  const leaving = useLeaveGuard(!handedOver)
  const asking = confirmDone || leaving.state === 'blocked'

  const stay = () => {
    setConfirmDone(false)
    if (leaving.state === 'blocked') leaving.reset()
  }
  const leave = () => {
    setConfirmDone(false)
    if (leaving.state === 'blocked') leaving.proceed()
    else onDone()
  }

  function download() {
    downloadText(`${patient.address}.json`, keystoreJson)
    setDownloaded(true)
  }

  return (
    <Stack gap="lg">
      <Alert color="yellow" variant="light" title={t('patients.onceTitle')}>
        {t('patients.onceBody')}
      </Alert>
      <Card withBorder radius="md" padding="lg">
        <Group align="flex-start" gap="xl" wrap="wrap">
          <Stack gap={4} align="center">
            <PatientQr value={patient.address} label={t('patients.qrLabel')} />
            <Text size="xs" c="dimmed">
              {t('patients.qrCaption')}
            </Text>
          </Stack>
          <Stack gap="md" style={{ flex: 1, minWidth: 320 }}>
            <DataList gap="sm" labelWidth="11rem" withDivider>
              <DataField label={t('fields.name')} value={patient.name} />
              <DataField
                label={t('fields.medicalRecordNumber')}
                value={patient.medicalRecordNumber}
              />
              <DataField label={t('fields.birthDate')} value={patient.birthDate} />
              <DataField
                label={t('fields.address')}
                value={patient.address}
                copyValue={patient.address}
                testId="patient-address"
              />
              <DataField
                label={t('fields.passphrase')}
                value={passphrase}
                copyValue={passphrase}
                testId="patient-passphrase"
                details={
                  <Text size="xs" c="orange.9" mt={4}>
                    {t('patients.passphraseOnce')}
                  </Text>
                }
              />
            </DataList>
            <Group gap="sm">
              <Button onClick={download} variant={downloaded ? 'light' : 'filled'}>
                {t('patients.downloadKeystore')}
              </Button>
              {downloaded && (
                <Text size="sm" c="green.8" role="status">
                  {t('patients.keystoreSaved', { file: `${patient.address}.json` })}
                </Text>
              )}
            </Group>
          </Stack>
        </Group>
      </Card>
      <ReceiptCard receipt={receipt} title={receiptTitle ?? t('patients.receiptTitle')} />
      <Group gap="lg" align="center">
        <Checkbox
          label={t('patients.handedOver')}
          checked={handedOver}
          onChange={(event) => setHandedOver(event.currentTarget.checked)}
          size="md"
        />
        <Button
          variant={handedOver ? 'filled' : 'default'}
          onClick={() => (handedOver ? onDone() : setConfirmDone(true))}
        >
          {doneLabel ?? t('patients.registerAnother')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={asking}
        title={t('patients.leaveTitle')}
        confirmLabel={t('patients.leaveConfirm')}
        onCancel={stay}
        onConfirm={leave}
      >
        {downloaded ? t('patients.leaveBodyDownloaded') : t('patients.leaveBody')}
      </ConfirmDialog>
    </Stack>
  )
}
