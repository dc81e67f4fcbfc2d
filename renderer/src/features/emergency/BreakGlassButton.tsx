import { Button } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from '../session/queries.ts'
import { BreakGlassDialog } from './BreakGlassDialog.tsx'
import { useEmergencyPolicy } from './queries.ts'

interface BreakGlassButtonProps {
  patient: string
  patientName: string
  /** The user's emergency on this patient is running: no button, but the dialog stays open. */
  declared: boolean
}

/**
 * The chart's emergency action, shown only to staff whose role their institution lets declare
 * (the registry refuses the others); it opens the stern confirmation.
 */
export function BreakGlassButton({ patient, patientName, declared }: BreakGlassButtonProps) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  const member = useSession().data?.member
  const policy = useEmergencyPolicy(member?.institution).data
  const mayDeclare = !!member?.role && !!policy?.roles.includes(member.role)
  return (
    <>
      {!declared && mayDeclare && (
        <Button variant="outline" color="red" onClick={() => setOpened(true)}>
          {t('emergency.declare.open')}
        </Button>
      )}
      <BreakGlassDialog
        patient={patient}
        patientName={patientName}
        opened={opened}
        onClose={() => setOpened(false)}
      />
    </>
  )
}
