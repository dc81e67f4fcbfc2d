import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { EmergencyView } from '../../../../electron/node/access/types.ts'

/** The custodian institution as shown: its name, or its number where this node knows no name. */
export function useCustodianName() {
  const { t } = useTranslation()
  return (emergency: Pick<EmergencyView, 'institution' | 'institutionName'>) =>
    emergency.institutionName ?? t('emergency.waiting.institution', { id: emergency.institution })
}

/**
 * Who the reader is waiting on while the keys are not released: the custodian's node, with
 * automatic release on or off, and that its administrator can release from the Emergencies screen.
 */
export function KeysWaiting({ emergency }: { emergency: EmergencyView }) {
  const { t } = useTranslation()
  const custodian = useCustodianName()(emergency)
  return (
    <Text size="sm" fw={600} data-testid="emergency-keys-waiting">
      {emergency.automaticRelease
        ? t('emergency.waiting.automaticOn', { institution: custodian })
        : t('emergency.waiting.automaticOff', { institution: custodian })}
    </Text>
  )
}
