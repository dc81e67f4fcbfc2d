import { Button, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { paths, screen } from '../../shared/paths.ts'

/** The ways to get an account onto this workstation, or a key file off it. */
export function AccountTools() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Group gap={4} role="group" aria-label={t('accounts.toolsLabel')}>
      <Button
        size="compact-md"
        variant="light"
        onClick={() => navigate(screen(paths.createAccount))}
      >
        {t('accounts.create')}
      </Button>
      <Button
        size="compact-md"
        variant="subtle"
        onClick={() => navigate(screen(paths.importAccount))}
      >
        {t('accounts.import')}
      </Button>
      <Button
        size="compact-md"
        variant="subtle"
        onClick={() => navigate(screen(paths.exportKeystore))}
      >
        {t('accounts.export')}
      </Button>
    </Group>
  )
}
