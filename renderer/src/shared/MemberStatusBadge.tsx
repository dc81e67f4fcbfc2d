import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { MemberStatusName } from '../../../electron/node/identity/types.ts'
import { memberStatusColors, memberStatusKeys } from './roles.ts'

interface MemberStatusBadgeProps {
  status: MemberStatusName
  testId?: string
  size?: 'sm' | 'md' | 'lg'
}

/** Pending, active or suspended, as the registry says; the colour repeats what the word says. */
export function MemberStatusBadge({ status, testId, size = 'md' }: MemberStatusBadgeProps) {
  const { t } = useTranslation()
  return (
    <Badge
      color={memberStatusColors[status]}
      variant="light"
      tt="none"
      size={size}
      // A clipped label counts as zero width in table layout, which then cuts it to "Suspend…".
      styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
      data-testid={testId}
      data-status={status}
    >
      {t(memberStatusKeys[status])}
    </Badge>
  )
}
