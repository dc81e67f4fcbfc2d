import { createHashRouter, Navigate } from 'react-router'
import { features, homePath } from './features.ts'
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
      { index: true, element: <Navigate to={homePath} replace /> },
      ...features.map(({ path, element }) => ({ path, element })),
      { path: '*', element: <NotFound /> },
    ],
  },
])
