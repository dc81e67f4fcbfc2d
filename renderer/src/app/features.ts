import { settingsRoute } from '../features/settings/route.tsx'
import { statusRoute } from '../features/status/route.tsx'
import type { FeatureRoute } from '../shared/feature.ts'

/** The screens that exist, in navbar order; add a feature's route here to ship it. */
export const features: readonly FeatureRoute[] = [statusRoute, settingsRoute]

export const homePath = statusRoute.path
