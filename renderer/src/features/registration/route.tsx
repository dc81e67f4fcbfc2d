import { mayRegisterAsStaff } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { RegistrationScreen } from './RegistrationScreen.tsx'

export const registrationRoute: FeatureRoute = {
  path: paths.registration,
  navLabelKey: 'nav.registration',
  element: <RegistrationScreen />,
  // Not registered yet, or waiting for approval: this is where they see where they stand. A
  // patient's account can never be staff.
  audience: mayRegisterAsStaff,
}
