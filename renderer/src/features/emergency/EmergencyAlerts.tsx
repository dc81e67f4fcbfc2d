import { Alert, Anchor, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { EmergencyView } from '../../../../electron/node/access/types.ts'
import type { SessionView } from '../../../../electron/node/identity/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { isActiveAdmin, ownPatientAddress } from '../../shared/access.ts'
import { shortAddress } from '../../shared/address.ts'
import { paths, screen } from '../../shared/paths.ts'
import { useSession } from '../session/queries.ts'
import { useEmergencies } from './queries.ts'
import { useReasonText } from './reasons.ts'

type Audience = 'patient' | 'admin'

function audienceOf(session: SessionView | null | undefined): Audience | undefined {
  if (!session) return undefined
  if (session.member.kind === 'patient') return 'patient'
  if (isActiveAdmin(session)) return 'admin'
  return undefined
}

/** Whom an emergency concerns: the patient it was declared on, the institution it came from. */
function concerns(emergency: EmergencyView, session: SessionView, audience: Audience): boolean {
  if (!emergency.active) return false
  if (audience === 'patient') {
    return emergency.patient.address.toLowerCase() === ownPatientAddress(session).toLowerCase()
  }
  return emergency.institution === session.member.institution
}

/**
 * Above every screen: a patient learns that someone broke the glass on their records, an
 * administrator that someone of their institution did. Each alert can be put away for this
 * session; a new emergency brings a new one.
 */
export function EmergencyAlerts() {
  const { t } = useTranslation()
  const format = useFormatters()
  const reasonText = useReasonText()
  const session = useSession().data
  const audience = audienceOf(session)
  const emergencies = useEmergencies(true, audience !== undefined)
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
  if (!session || !audience || !emergencies.data) return null
  const shown = emergencies.data.filter(
    (emergency) => concerns(emergency, session, audience) && !dismissed.has(emergency.txHash),
  )
  if (shown.length === 0) return null

  return (
    <Stack gap="sm" mb="lg" maw={1200} data-testid="emergency-alerts">
      {shown.map((emergency) => {
        const values = {
          staff: emergency.staff.name ?? shortAddress(emergency.staff.address),
          patient: emergency.patient.name ?? shortAddress(emergency.patient.address),
          reason: reasonText(emergency.reason),
          declared: format.dateTime(emergency.declaredAt),
          until: format.dateTime(emergency.expiresAt),
        }
        return (
          <Alert
            key={emergency.txHash}
            color="red"
            variant="light"
            title={
              audience === 'patient'
                ? t('emergency.alert.patientTitle')
                : t('emergency.alert.adminTitle')
            }
            withCloseButton
            closeButtonLabel={t('emergency.alert.dismiss')}
            onClose={() => setDismissed((set) => new Set(set).add(emergency.txHash))}
            data-testid="emergency-alert"
          >
            <Text size="sm">
              {audience === 'patient'
                ? t('emergency.alert.patientBody', values)
                : t('emergency.alert.adminBody', values)}
            </Text>
            {audience === 'admin' && (
              <Anchor component={Link} to={screen(paths.emergencies)} size="sm">
                {t('emergency.alert.review')}
              </Anchor>
            )}
          </Alert>
        )
      })}
    </Stack>
  )
}
