import { Alert, Button, Checkbox, DataList, Select, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PatientRow } from '../../../../electron/node/identity/types.ts'
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx'
import { DataField } from '../../shared/DataField.tsx'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { PatientExportPanel } from './PatientExportPanel.tsx'
import { PatientSearchForm } from './PatientSearchForm.tsx'
import { usePatientSearch, useReissuePatientKey } from './queries.ts'

/**
 * A new key for a patient who lost theirs (administrators): find the patient, check their
 * identity document against what this desk registered, re-issue. The new key file and its
 * passphrase are handed out once, as at registration; the old key stops working at once.
 */
export function KeyReissueDesk() {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const results = usePatientSearch(query)
  const [chosen, setChosen] = useState<PatientRow>()
  const [identityChecked, setIdentityChecked] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const reissue = useReissuePatientKey()

  function choose(address: string | null) {
    setChosen(results.data?.find((row) => row.address === address))
    setIdentityChecked(false)
  }

  function startOver() {
    reissue.reset()
    setChosen(undefined)
    setIdentityChecked(false)
  }

  if (reissue.data) {
    return (
      <PatientExportPanel
        registration={reissue.data}
        receiptTitle={t('patients.reissue.receiptTitle')}
        doneLabel={t('patients.reissue.done')}
        onDone={startOver}
      />
    )
  }

  return (
    <Stack gap="md">
      <Text size="sm">{t('patients.reissue.intro')}</Text>
      <PatientSearchForm
        title={t('patients.reissue.searchTitle')}
        label={t('patients.searchLabel')}
        description={t('patients.searchDescription')}
        submitLabel={t('patients.searchSubmit')}
        busy={results.isFetching && query !== ''}
        onSearch={setQuery}
      />
      <Select
        label={t('patients.reissue.patient')}
        placeholder={t('patients.reissue.patientPlaceholder')}
        data={(results.data ?? []).map((row) => ({
          value: row.address,
          label: `${row.name} · ${row.medicalRecordNumber}`,
        }))}
        value={chosen?.address ?? null}
        onChange={choose}
        nothingFoundMessage={t('patients.noMatch')}
        searchable
        data-testid="reissue-patient"
      />
      {chosen && (
        <>
          <DataList gap="sm" labelWidth="11rem" withDivider>
            <DataField label={t('fields.name')} value={chosen.name} />
            <DataField label={t('fields.medicalRecordNumber')} value={chosen.medicalRecordNumber} />
            <DataField label={t('fields.birthDate')} value={chosen.birthDate} />
            <DataField label={t('fields.address')} value={chosen.address} />
          </DataList>
          <Checkbox
            label={t('patients.reissue.identityChecked')}
            checked={identityChecked}
            onChange={(event) => setIdentityChecked(event.currentTarget.checked)}
          />
          <Alert color="yellow" variant="light">
            {t('patients.reissue.whatHappens')}
          </Alert>
          <Button
            w="fit-content"
            disabled={!identityChecked}
            loading={reissue.isPending}
            onClick={() => setConfirming(true)}
          >
            {t('patients.reissue.submit')}
          </Button>
        </>
      )}
      {reissue.isError && <ErrorAlert error={reissue.error} title={t('patients.reissue.failed')} />}
      <ConfirmDialog
        opened={confirming}
        title={t('patients.reissue.confirmTitle', { name: chosen?.name ?? '' })}
        confirmLabel={t('patients.reissue.submit')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false)
          if (chosen) reissue.mutate({ patient: chosen.address })
        }}
      >
        {t('patients.reissue.confirmBody')}
      </ConfirmDialog>
    </Stack>
  )
}
