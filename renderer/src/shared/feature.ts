import type { ParseKeys } from 'i18next'
import type { ReactElement } from 'react'
import type { Audience } from './access.ts'

/**
 * What a feature folder contributes to the app: one route, and its entry in the navbar. The
 * router and the navbar are both built from the same list, so a screen cannot be reachable but
 * missing from the navigation, or the other way round.
 */
export interface FeatureRoute {
  path: string
  navLabelKey: ParseKeys
  element: ReactElement
  /** Who may open the screen and sees it in the navbar; everyone when absent. */
  audience?: Audience
  /**
   * Who sees it listed when narrower than its audience: false for screens opened from another
   * screen (importing an account from sign-in), an audience for screens some open from elsewhere.
   */
  inNavbar?: false | Audience
}
