import { Anchor, Card, Stack, Tabs } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import type { AccountView } from '../../../../electron/node/identity/types.ts'
import { paths, screen } from '../../shared/paths.ts'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import type { SignInState } from '../session/SessionWatcher.tsx'
import { ImportKeystoreForm } from './ImportKeystoreForm.tsx'
import { ImportMnemonicForm } from './ImportMnemonicForm.tsx'

/** Brings an existing account to this workstation: from its key file or its recovery phrase. */
export function ImportAccountScreen() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const imported = (account: AccountView) => {
    const state: SignInState = { account: account.address }
    navigate(screen(paths.signIn), { state })
  }

  return (
    <>
      <ScreenHeader title={t('accounts.importTitle')} />
      <Stack gap="lg" maw={560}>
        <Card withBorder radius="md" padding="lg">
          <Tabs defaultValue="keystore">
            <Tabs.List mb="md">
              <Tabs.Tab value="keystore">{t('accounts.fromKeystore')}</Tabs.Tab>
              <Tabs.Tab value="phrase">{t('accounts.fromPhrase')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="keystore">
              <ImportKeystoreForm onImported={imported} />
            </Tabs.Panel>
            <Tabs.Panel value="phrase">
              <ImportMnemonicForm onImported={imported} />
            </Tabs.Panel>
          </Tabs>
        </Card>
        <Anchor component={Link} to={screen(paths.signIn)} size="sm">
          {t('accounts.backToSignIn')}
        </Anchor>
      </Stack>
    </>
  )
}
