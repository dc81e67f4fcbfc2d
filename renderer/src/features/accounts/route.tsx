import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { CreateAccountScreen } from './CreateAccountScreen.tsx'
import { ExportKeystoreScreen } from './ExportKeystoreScreen.tsx'
import { ImportAccountScreen } from './ImportAccountScreen.tsx'
import { SignInScreen } from './SignInScreen.tsx'

export const signInRoute: FeatureRoute = {
  path: paths.signIn,
  navLabelKey: 'nav.signIn',
  element: <SignInScreen />,
  audience: 'signed-out',
}

/** Opened from the sign-in screen; an administrator may also prepare accounts while signed in. */
export const accountRoutes: readonly FeatureRoute[] = [
  {
    path: paths.createAccount,
    navLabelKey: 'accounts.createTitle',
    element: <CreateAccountScreen />,
    audience: 'ready',
    inNavbar: false,
  },
  {
    path: paths.importAccount,
    navLabelKey: 'accounts.importTitle',
    element: <ImportAccountScreen />,
    audience: 'ready',
    inNavbar: false,
  },
  {
    path: paths.exportKeystore,
    navLabelKey: 'accounts.exportTitle',
    element: <ExportKeystoreScreen />,
    audience: 'ready',
    inNavbar: false,
  },
]
