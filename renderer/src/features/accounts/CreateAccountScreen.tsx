import { Anchor, Card, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { paths, screen } from '../../shared/paths.ts'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import type { SignInState } from '../session/SessionWatcher.tsx'
import { AccountCreated } from './AccountCreated.tsx'
import { CreateAccountForm } from './CreateAccountForm.tsx'

/** A new account on this workstation: its key is encrypted with the passphrase chosen here. */
export function CreateAccountScreen() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [created, setCreated] = useState<{ address: string; mnemonic: string }>()

  return (
    <>
      <ScreenHeader title={t('accounts.createTitle')} />
      <Stack gap="lg" maw={created ? 900 : 520}>
        {created ? (
          <AccountCreated
            account={created}
            onContinue={() => {
              const state: SignInState = { account: created.address }
              navigate(screen(paths.signIn), { state })
            }}
          />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('accounts.createDescription')}
            </Text>
            <Card withBorder radius="md" padding="lg">
              <CreateAccountForm onCreated={setCreated} />
            </Card>
            <Anchor component={Link} to={screen(paths.signIn)} size="sm">
              {t('accounts.backToSignIn')}
            </Anchor>
          </>
        )}
      </Stack>
    </>
  )
}
