import { createHashRouter } from 'react-router'
import { FeatureGate } from './FeatureGate.tsx'
import { features } from './features.ts'
import { HomeRedirect } from './HomeRedirect.tsx'
import { NotFound } from './NotFound.tsx'
import { RouteError } from './RouteError.tsx'
import { Shell } from './Shell.tsx'

// Hash routing: the packaged app is loaded from file://, where path URLs do not resolve.
export const router = createHashRouter([
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      ...features.map((feature) => ({
        path: feature.path,
        element: <FeatureGate feature={feature} />,
      })),
      { path: '*', element: <NotFound /> },
    ],
  },
])
