import { Alert, Code, List, Stack, Text } from '@mantine/core'
import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AuditVerification } from '../../../../electron/node/access/types.ts'

// Each kind of damage the node finds, said in the user's language; new kinds as the node wrote them.
const problemKeys: Partial<Record<string, ParseKeys>> = {
  missing: 'audit.problems.missing',
  altered: 'audit.problems.altered',
  truncated: 'audit.problems.truncated',
  'anchor-mismatch': 'audit.problems.anchorMismatch',
  'anchor-record-missing': 'audit.problems.anchorRecordMissing',
  'anchor-not-on-chain': 'audit.problems.anchorNotOnChain',
}

/** Whether the read log is whole, in one sentence; when it is not, every problem found. */
export function IntegrityVerdict({ verification }: { verification: AuditVerification }) {
  const { t } = useTranslation()
  const { ok, entries, anchors, problems } = verification
  const differing = anchors.filter((anchor) => !anchor.ok).length
  let anchorText = t('audit.verify.noAnchors')
  if (anchors.length > 0) {
    anchorText =
      differing === 0
        ? t('audit.verify.anchorsMatch', { count: anchors.length })
        : t('audit.verify.anchorsDiffer', { count: anchors.length, differing })
  }
  const summary = t('audit.verify.summary', {
    entries: t('audit.verify.entries', { count: entries }),
    anchors: anchorText,
  })

  const problemText = (problem: AuditVerification['problems'][number]) => {
    const key = problemKeys[problem.kind]
    return key && problem.seq !== undefined ? t(key, { seq: problem.seq }) : problem.message
  }

  return (
    <Alert
      color={ok ? 'green' : 'red'}
      variant="light"
      title={ok ? t('audit.verify.intact') : t('audit.verify.broken')}
      data-testid="audit-verdict"
      data-ok={ok}
      role={ok ? 'status' : 'alert'}
    >
      <Stack gap="xs">
        <Text size="sm">{summary}</Text>
        {problems.length > 0 && (
          <List size="sm" spacing={4} data-testid="audit-problems">
            {problems.map((problem, index) => (
              <List.Item key={index} title={problem.message}>
                {problemText(problem)} <Code>{problem.kind}</Code>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  )
}
