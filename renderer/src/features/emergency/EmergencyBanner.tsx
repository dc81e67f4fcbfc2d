import { Alert, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { EmergencyView } from '../../../../electron/node/access/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { KeysWaiting, useCustodianName } from './KeysWaiting.tsx'
import { useReasonText } from './reasons.ts'
import { timeLeft, useNow } from './useNow.ts'

/**
 * While the signed-in staff member reads under their own emergency: a red band that says so,
 * with the time left, on the chart and in the viewer alike. What it says about the keys comes
 * from the chain (EmergencyKeysReleased) and from the reads this node logged, so it never says
 * the keys are missing while records open.
 */
export function EmergencyBanner({ emergency }: { emergency: EmergencyView }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const reasonText = useReasonText()
  const custodian = useCustodianName()(emergency)
  const now = useNow()
  const left = timeLeft(emergency.expiresAt, now)
  return (
    <Alert
      color="red"
      variant="filled"
      title={t('emergency.banner.title', { hours: left.hours, minutes: left.minutes })}
      data-testid="emergency-banner"
      role="status"
    >
      <Text size="sm">
        {t('emergency.banner.body', {
          reason: reasonText(emergency.reason),
          until: format.dateTime(emergency.expiresAt),
        })}
      </Text>
      {emergency.keysReleasedAt ? (
        <Text size="sm" fw={600} mt={4} data-testid="emergency-keys-released">
          {t('emergency.banner.keysReleased', {
            institution: custodian,
            at: format.dateTime(emergency.keysReleasedAt),
          })}
        </Text>
      ) : (
        <>
          {emergency.readsLogged > 0 && (
            <Text size="sm" mt={4}>
              {t('emergency.banner.openedWithoutRelease', { count: emergency.readsLogged })}
            </Text>
          )}
          <KeysWaiting emergency={emergency} />
        </>
      )}
    </Alert>
  )
}
