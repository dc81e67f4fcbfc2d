import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** A version the user may not read: the node withholds its title and file name. */
export function WithheldNote() {
  const { t } = useTranslation()
  return (
    <Text
      span
      fs="italic"
      c="dimmed"
      title={t('records.table.withheldHint')}
      data-testid="record-withheld"
    >
      {t('records.table.withheld')}
    </Text>
  )
}
