import type { ParseKeys } from 'i18next'
import type { ReactElement } from 'react'

/**
 * What a feature folder contributes to the app: one route, and its entry in the navbar. The
 * router and the navbar are both built from the same list, so a screen cannot be reachable but
 * missing from the navigation, or the other way round.
 */
export interface FeatureRoute {
  path: string
  navLabelKey: ParseKeys
  element: ReactElement
}
