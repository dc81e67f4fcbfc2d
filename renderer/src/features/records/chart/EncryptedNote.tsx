import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** A version this node has never opened: its title and type are inside the encrypted manifest. */
export function EncryptedNote() {
  const { t } = useTranslation()
  return (
    <Text span fs="italic" c="dimmed" data-testid="record-encrypted">
      {t('records.table.encrypted')}
    </Text>
  )
}
