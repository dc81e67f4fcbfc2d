import { Paper, SimpleGrid, Text } from '@mantine/core'
import { useId } from 'react'

interface RecoveryPhraseProps {
  phrase: string
  /** Whose phrase it is, e.g. "Administrator recovery phrase". */
  label: string
  testId?: string
}

/** The twelve words of a recovery phrase, numbered, in the order they must be written down. */
export function RecoveryPhrase({ phrase, label, testId }: RecoveryPhraseProps) {
  const labelId = useId()
  const words = phrase.trim().split(/\s+/)
  return (
    <Paper withBorder radius="md" p="md" bg="yellow.0">
      <Text id={labelId} fw={600} mb="sm">
        {label}
      </Text>
      <SimpleGrid
        component="ol"
        cols={{ base: 2, sm: 3, lg: 4 }}
        spacing="xs"
        verticalSpacing={6}
        aria-labelledby={labelId}
        data-testid={testId}
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
      >
        {words.map((word, index) => (
          <Text component="li" key={index} ff="monospace" size="md">
            <Text span c="dimmed" size="sm" display="inline-block" w="1.75rem" ta="right" mr={6}>
              {index + 1}.
            </Text>
            <Text span fw={600}>
              {word}
            </Text>
          </Text>
        ))}
      </SimpleGrid>
    </Paper>
  )
}
