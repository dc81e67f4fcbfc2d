import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import {
  accessGrantSchema,
  patientConsentSchema,
} from '../../../../electron/node/access/schemas.ts'
import type { AccessActionResult } from '../../../../electron/node/access/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { errorCode, type ErrorCode } from '../../shared/errors.ts'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { today } from '../records/upload/today.ts'
import { ConsentFields } from './ConsentFields.tsx'
import { usePatientAction, type PatientAction } from './queries.ts'

interface PatientActionDialogProps {
  patient: string
  /** The decision to confirm; the dialog is open while there is one. */
  action: PatientAction | undefined
  /** Who the action is about, as shown (name or short address). */
  readerName: string
  /** The signed-in account is the patient: their session signs, no key file is asked for. */
  asPatient: boolean
  onClose: () => void
  onDone: (action: PatientAction, result: AccessActionResult) => void
}

const rules = {
  // Optional: an empty box means "until revoked".
  until: {
    schema: z
      .string()
      .transform((day) => day || undefined)
      .pipe(accessGrantSchema.shape.until),
    messageKey: 'access.grant.untilInvalid',
  },
  keystoreJson: {
    schema: patientConsentSchema.shape.keystoreJson,
    messageKey: 'access.consent.keyFileRequired',
  },
  passphrase: {
    schema: patientConsentSchema.shape.passphrase,
    messageKey: 'forms.passphraseRequired',
  },
} as const

/** A signed-in patient's session signs: the consent fields are not shown, nothing is checked. */
const sessionRules = {
  until: rules.until,
  keystoreJson: { ...rules.keystoreJson, schema: z.string() },
  passphrase: { ...rules.passphrase, schema: z.string() },
} as const

const initialValues = { until: '', keystoreJson: '', passphrase: '' }

/**
 * Every decision of the patient's passes here: what it does, said plainly, then the patient's
 * signature (their session, or their key file and passphrase at a staff workstation). The key
 * file and passphrase are cleared when the dialog closes, whatever happened.
 */
export function PatientActionDialog(props: PatientActionDialogProps) {
  const { t } = useTranslation()
  const { action, onClose } = props
  const titles = {
    grant: t('access.dialog.grantTitle'),
    revoke: t('access.dialog.revokeTitle'),
    restrict: t('access.dialog.restrictTitle'),
    unrestrict: t('access.dialog.unrestrictTitle'),
  }
  const kind =
    action?.kind === 'restrict' && !action.restricted ? 'unrestrict' : (action?.kind ?? 'grant')
  return (
    <Modal
      opened={action !== undefined}
      onClose={onClose}
      title={titles[kind]}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {/* Mounted only while open: closing drops the key file and the passphrase with it. */}
      {action && <ActionForm {...props} action={action} />}
    </Modal>
  )
}

function ActionForm({
  patient,
  action,
  readerName,
  asPatient,
  onClose,
  onDone,
}: PatientActionDialogProps & { action: PatientAction }) {
  const { t } = useTranslation()
  const form = useSchemaForm({
    initialValues,
    // The session signs for a signed-in patient: nothing to type.
    rules: asPatient ? sessionRules : rules,
  })
  const mutation = usePatientAction(patient)
  const [rotateKeys, setRotateKeys] = useState(action.kind === 'revoke' && action.rotateKeys)

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    const decided: PatientAction =
      action.kind === 'grant'
        ? { ...action, until: values.until ?? undefined }
        : action.kind === 'revoke'
          ? { ...action, rotateKeys }
          : action
    const consent = asPatient
      ? undefined
      : { keystoreJson: values.keystoreJson, passphrase: values.passphrase }
    mutation.mutate(
      { action: decided, consent },
      {
        onSuccess: (result) => {
          form.reset()
          // The consent is not kept in the mutation's state either.
          mutation.reset()
          onDone(decided, result)
        },
        onError: (error) => {
          const code = errorCode(error)
          if (code === 'ERR_WRONG_PASSPHRASE') {
            form.setNodeError('passphrase', 'access.consent.wrongPassphrase')
          } else if (code === 'ERR_CONSENT_MISMATCH') {
            form.setNodeError('keystoreJson', 'access.consent.mismatch')
          } else if (code === 'ERR_INVALID_KEYSTORE') {
            form.setNodeError('keystoreJson', 'forms.keystoreInvalid')
          }
        },
      },
    )
  }

  const fieldError: readonly (ErrorCode | undefined)[] = [
    'ERR_WRONG_PASSPHRASE',
    'ERR_CONSENT_MISMATCH',
    'ERR_INVALID_KEYSTORE',
  ]
  const shownError =
    mutation.isError && !fieldError.includes(errorCode(mutation.error)) ? mutation.error : undefined

  let summary: string
  let confirm: string
  if (action.kind === 'grant') {
    summary = t('access.dialog.grantSummary', { who: readerName })
    confirm = t('access.dialog.grantConfirm')
  } else if (action.kind === 'revoke') {
    summary = t('access.dialog.revokeSummary', { who: readerName })
    confirm = t('access.dialog.revokeConfirm')
  } else if (action.restricted) {
    summary = t('access.dialog.restrictSummary', { id: action.recordId })
    confirm = t('access.dialog.restrictConfirm')
  } else {
    summary = t('access.dialog.unrestrictSummary', { id: action.recordId })
    confirm = t('access.dialog.unrestrictConfirm')
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate data-testid="patient-action-form">
      <Stack gap="md">
        <Text size="sm">{summary}</Text>
        {action.kind === 'grant' && (
          <TextInput
            type="date"
            label={t('access.grant.until')}
            description={t('access.grant.untilDescription')}
            min={today()}
            {...form.inputProps('until')}
          />
        )}
        {action.kind === 'revoke' && (
          <>
            <Alert color="yellow" variant="light" data-testid="revoke-warning">
              {t('access.dialog.revokeWarning')}
            </Alert>
            <Checkbox
              checked={rotateKeys}
              onChange={(event) => setRotateKeys(event.currentTarget.checked)}
              label={t('access.dialog.rotateKeys')}
              description={t('access.dialog.rotateKeysDescription')}
              data-testid="rotate-keys"
            />
          </>
        )}
        {asPatient ? (
          <Text size="sm" c="dimmed">
            {t('access.consent.signedIn')}
          </Text>
        ) : (
          <ConsentFields form={form} />
        )}
        {shownError !== undefined && (
          <ErrorAlert error={shownError} title={t('access.dialog.failed')} />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color={
              action.kind === 'revoke' || (action.kind === 'restrict' && action.restricted)
                ? 'red'
                : undefined
            }
            loading={mutation.isPending}
          >
            {confirm}
          </Button>
        </Group>
        {mutation.isPending && (
          <Text size="xs" c="dimmed" role="status">
            {t('common.sendingTransaction')}
          </Text>
        )}
      </Stack>
    </form>
  )
}
