import { Alert, Card, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { shortAddress } from '../../shared/address.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { EmergencyTable } from '../emergency/EmergencyTable.tsx'
import { ActionReceipts, type ActionDone } from './ActionReceipts.tsx'
import { GrantForm } from './GrantForm.tsx'
import { GrantList } from './GrantList.tsx'
import { PatientActionDialog } from './PatientActionDialog.tsx'
import { useAccessOverview, useDeclineRequest, type PatientAction } from './queries.ts'
import { RequestList } from './RequestList.tsx'
import { RestrictionList } from './RestrictionList.tsx'

interface AccessPanelProps {
  patient: string
  /** The signed-in account. */
  self: string
  /** The signed-in account is this patient: their session signs. Staff need the patient's key. */
  asPatient: boolean
}

/**
 * The patient's control over their records: requests to answer, grants to review or revoke,
 * records to restrict. At a staff workstation each decision asks for the patient's own key.
 */
export function AccessPanel({ patient, self, asPatient }: AccessPanelProps) {
  const { t } = useTranslation()
  const overview = useAccessOverview(patient)
  const [pending, setPending] = useState<{ action: PatientAction; readerName: string }>()
  const [done, setDone] = useState<ActionDone[]>([])
  const decline = useDeclineRequest(patient)
  const [declined, setDeclined] = useState<string[]>([])
  const decide = (action: PatientAction, readerName = '') => setPending({ action, readerName })

  if (overview.isPending) return <Skeleton height={240} />
  if (overview.isError) {
    return (
      <ErrorAlert
        error={overview.error}
        onRetry={() => void overview.refetch()}
        retrying={overview.isFetching}
      />
    )
  }
  const { requests, grants, restrictedRecords, emergencies } = overview.data
  const waiting = requests.filter((request) => !request.answered && request.declinedAt === null)

  return (
    <Stack gap="lg" data-testid="access-panel">
      <ActionReceipts done={done} />
      {declined.length > 0 && (
        <Alert color="gray" variant="light" role="status" data-testid="declined-notice">
          {t('access.requests.declined', { who: declined.join(', ') })}
        </Alert>
      )}
      {decline.isError && (
        <ErrorAlert
          error={decline.error}
          title={t('access.requests.declineFailed')}
          onClose={decline.reset}
        />
      )}
      <Section title={t('access.requests.title')} description={t('access.requests.description')}>
        <RequestList
          requests={waiting}
          self={self}
          onGrant={(request) =>
            decide(
              { kind: 'grant', reader: request.staff.address },
              request.staff.name ?? shortAddress(request.staff.address),
            )
          }
          onDecline={
            asPatient
              ? (request) =>
                  decline.mutate(request.txHash, {
                    onSuccess: () =>
                      setDeclined((names) => [
                        ...names,
                        request.staff.name ?? shortAddress(request.staff.address),
                      ]),
                  })
              : undefined
          }
          declining={decline.isPending ? decline.variables : undefined}
        />
      </Section>
      <Section title={t('access.grants.title')} description={t('access.grants.description')}>
        <Stack gap="lg">
          <GrantList
            grants={grants}
            self={self}
            onRevoke={(grant) =>
              decide(
                // Key rotation is on unless the patient turns it off in the dialog.
                { kind: 'revoke', reader: grant.reader.address, rotateKeys: true },
                grant.reader.name ?? shortAddress(grant.reader.address),
              )
            }
          />
          <GrantForm onContinue={(reader, name) => decide({ kind: 'grant', reader }, name)} />
        </Stack>
      </Section>
      <Section
        title={t('access.restrictions.title')}
        description={t('access.restrictions.description')}
      >
        <RestrictionList
          patient={patient}
          restricted={restrictedRecords}
          onToggle={(recordId, restricted) => decide({ kind: 'restrict', recordId, restricted })}
        />
      </Section>
      {emergencies.length > 0 && (
        <Section
          title={t('emergency.onPatient.title')}
          description={t('emergency.onPatient.description')}
        >
          <EmergencyTable emergencies={emergencies} self={self} columns={['staff']} />
        </Section>
      )}
      <PatientActionDialog
        patient={patient}
        action={pending?.action}
        readerName={pending?.readerName ?? ''}
        asPatient={asPatient}
        onClose={() => setPending(undefined)}
        onDone={(action, result) => {
          setDone((list) => [{ action, readerName: pending?.readerName ?? '', result }, ...list])
          setPending(undefined)
        }}
      />
    </Stack>
  )
}

function Section({
  title,
  description,
  children,
}: {
  title: string
  description: string
  children: ReactNode
}) {
  const titleId = useId()
  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby={titleId}>
      <Title id={titleId} order={2} size="h4">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {description}
      </Text>
      {children}
    </Card>
  )
}
