import { Alert, Card, Skeleton, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import type { SignInState } from '../session/SessionWatcher.tsx'
import { clearSignedOutNotice, useSignedOutNotice } from '../session/signedOutNotice.ts'
import { AccountTools } from './AccountTools.tsx'
import { useAccounts } from './queries.ts'
import { SignedOutNotice } from './SignedOutNotice.tsx'
import { SignInForm } from './SignInForm.tsx'

export function SignInScreen() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const state = (useLocation().state ?? {}) as SignInState
  const accounts = useAccounts()
  const signedOut = useSignedOutNotice()
  const from = state.from ?? signedOut?.from

  return (
    <>
      <ScreenHeader title={t('signIn.title')} />
      <Stack gap="lg" maw={560}>
        {signedOut && <SignedOutNotice reason={signedOut.reason} />}
        {state.account && (
          <Alert color="green" variant="light" role="status">
            {t('signIn.accountReady')}
          </Alert>
        )}
        <Card withBorder radius="md" padding="lg">
          {accounts.isPending ? (
            <Skeleton height={180} />
          ) : accounts.isError ? (
            <ErrorAlert
              error={accounts.error}
              onRetry={() => void accounts.refetch()}
              retrying={accounts.isFetching}
            />
          ) : accounts.data.length === 0 ? (
            <Text>{t('signIn.noAccounts')}</Text>
          ) : (
            <SignInForm
              // A changed list (an account just added) starts the form again, preselecting it.
              key={accounts.data.map((account) => account.address).join()}
              accounts={accounts.data}
              initialAccount={state.account}
              onSignedIn={() => {
                clearSignedOutNotice()
                navigate(from ?? '/', { replace: true })
              }}
            />
          )}
        </Card>
        <AccountTools />
      </Stack>
    </>
  )
}
