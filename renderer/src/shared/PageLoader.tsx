import { Center, Loader } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** A screen waiting for the node's first answer. */
export function PageLoader() {
  const { t } = useTranslation()
  return (
    <Center mih={240}>
      <Loader aria-label={t('app.loading')} />
    </Center>
  )
}
