import { Stepper } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { NetworkCreated } from '../../../../electron/node/identity/types.ts'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { sessionKey, setupStatusKey } from '../session/queries.ts'
import { CreateNetworkForm } from './CreateNetworkForm.tsx'
import { JoinedNotice } from './JoinedNotice.tsx'
import { JoinNetworkForm } from './JoinNetworkForm.tsx'
import { NetworkCreatedResult } from './NetworkCreatedResult.tsx'
import { SetupChoice } from './SetupChoice.tsx'

type Progress =
  | { step: 'choose' }
  | { step: 'create' }
  | { step: 'join' }
  | { step: 'created'; result: NetworkCreated }
  | { step: 'joined'; network: string }

const stepIndex: Record<Progress['step'], number> = {
  choose: 0,
  create: 1,
  join: 1,
  created: 2,
  joined: 2,
}

/** First run: create a new network, or join one IT already runs (paper III.A). */
export function SetupScreen() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [progress, setProgress] = useState<Progress>({ step: 'choose' })
  const joining = progress.step === 'join' || progress.step === 'joined'

  // The set-up stage and the session change only now: earlier, the screen would close over
  // the recovery phrases before the user had written them down.
  async function finish() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: setupStatusKey }),
      queryClient.invalidateQueries({ queryKey: sessionKey }),
    ])
    navigate('/', { replace: true })
  }

  return (
    <>
      <ScreenHeader title={t('setup.title')} />
      <Stepper active={stepIndex[progress.step]} allowNextStepsSelect={false} maw={1000}>
        <Stepper.Step label={t('setup.stepChoose')}>
          <SetupChoice onChoose={(path) => setProgress({ step: path })} />
        </Stepper.Step>
        <Stepper.Step label={joining ? t('setup.stepJoin') : t('setup.stepCreate')}>
          {progress.step === 'join' ? (
            <JoinNetworkForm
              onJoined={(network) => setProgress({ step: 'joined', network })}
              onBack={() => setProgress({ step: 'choose' })}
            />
          ) : (
            <CreateNetworkForm
              onCreated={(result) => setProgress({ step: 'created', result })}
              onBack={() => setProgress({ step: 'choose' })}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={joining ? t('setup.stepRestart') : t('setup.stepBackup')}>
          {progress.step === 'created' && (
            <NetworkCreatedResult result={progress.result} onContinue={() => void finish()} />
          )}
          {progress.step === 'joined' && <JoinedNotice network={progress.network} />}
        </Stepper.Step>
      </Stepper>
    </>
  )
}
