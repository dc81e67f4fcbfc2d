import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../../i18n/format.ts'
import { suspensionReasonKeys } from '../staff/suspensionReasons.ts'
import { useInstitutions } from '../staff/queries.ts'
import { describeDetail } from './details.ts'

/** An entry's detail in the display language: a refusal's reason, a grant's end, an anchor. */
export function EntryDetail({ detail }: { detail: string }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const institutions = useInstitutions()
  const described = describeDetail(detail)

  let text: string
  switch (described.kind) {
    case 'words':
      text = t(described.key, described.values)
      break
    case 'until':
      text = t('audit.details.until', { time: format.dateTime(described.time) })
      break
    case 'custodian': {
      const custodian = institutions.data?.find(({ id }) => id === described.institution)
      text = t('audit.details.custodian', {
        institution: custodian?.name ?? `#${described.institution}`,
      })
      break
    }
    case 'suspension':
      text = t('audit.details.suspensionReason', {
        reason: t(suspensionReasonKeys[described.reason]),
      })
      break
    case 'offline':
      text = t('audit.details.readOffline', {
        read: t(described.read),
        block: format.number(described.block),
      })
      break
    case 'raw':
      text = described.text
  }
  return (
    <Text
      span
      fz="sm"
      data-testid="audit-detail"
      title={detail}
      style={{ wordBreak: 'break-word' }}
    >
      {text}
    </Text>
  )
}
