import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AuditAction } from '../../../../electron/node/access/schemas.ts'
import { actionColors, actionKeys } from './labels.ts'

/** What happened, in words, coloured by its kind. */
export function ActionBadge({ action }: { action: AuditAction }) {
  const { t } = useTranslation()
  return (
    <Badge
      color={actionColors[action]}
      variant="light"
      tt="none"
      // A clipped label counts as zero width in table layout, which then cuts it short; long
      // names wrap instead of widening the whole column.
      styles={{
        root: { overflow: 'visible', height: 'auto', minHeight: 'var(--badge-height)' },
        label: { overflow: 'visible', whiteSpace: 'normal', lineHeight: 1.3, paddingBlock: 2 },
      }}
      data-testid="audit-action"
      data-action={action}
    >
      {t(actionKeys[action])}
    </Badge>
  )
}
