import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'

export type SetupPath = 'create' | 'join'

/** The two ways a hospital's node starts: a new network, or one that IT already runs. */
export function SetupChoice({ onChoose }: { onChoose: (path: SetupPath) => void }) {
  const { t } = useTranslation()
  const choices = [
    {
      path: 'create',
      title: t('setup.createTitle'),
      body: t('setup.createBody'),
      action: t('setup.createAction'),
    },
    {
      path: 'join',
      title: t('setup.joinTitle'),
      body: t('setup.joinBody'),
      action: t('setup.joinAction'),
    },
  ] as const
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      {choices.map((choice) => (
        <Card key={choice.path} withBorder radius="md" padding="lg">
          <Stack gap="sm" h="100%" justify="space-between" align="flex-start">
            <div>
              <Title order={2} size="h4" mb="xs">
                {choice.title}
              </Title>
              <Text size="sm" c="dimmed">
                {choice.body}
              </Text>
            </div>
            <Button
              onClick={() => onChoose(choice.path)}
              variant={choice.path === 'create' ? 'filled' : 'default'}
            >
              {choice.action}
            </Button>
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  )
}
