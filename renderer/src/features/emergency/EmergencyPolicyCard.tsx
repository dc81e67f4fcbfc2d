import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EmergencyPolicyView } from '../../../../electron/node/access/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { roleKeys, staffRoles, type StaffRoleName } from '../../shared/roles.ts'
import {
  useDisableAutomaticRelease,
  useEnableAutomaticRelease,
  useSetEmergencyRoles,
} from './queries.ts'

/**
 * An administrator's break-the-glass rules for their institution: which roles may declare, and
 * whether this node releases the keys with nobody signed in.
 */
export function EmergencyPolicyCard({ policy }: { policy: EmergencyPolicyView }) {
  const { t } = useTranslation()
  return (
    <Card withBorder radius="md" padding="lg" data-testid="emergency-policy">
      <Stack gap="lg">
        <Title order={3} size="h4">
          {t('emergency.policy.title', {
            institution: policy.institutionName ?? policy.institution,
          })}
        </Title>
        <RolesForm roles={policy.roles} />
        <AutomaticRelease policy={policy} />
      </Stack>
    </Card>
  )
}

function RolesForm({ roles }: { roles: StaffRoleName[] }) {
  const { t } = useTranslation()
  const [chosen, setChosen] = useState<string[]>(roles)
  const save = useSetEmergencyRoles()
  const changed = [...chosen].sort().join() !== [...roles].sort().join()
  return (
    <Stack gap="xs">
      <Checkbox.Group
        label={t('emergency.policy.rolesLabel')}
        description={t('emergency.policy.rolesHint')}
        value={chosen}
        onChange={setChosen}
      >
        <Group mt="xs">
          {staffRoles.map((role) => (
            <Checkbox key={role} value={role} label={t(roleKeys[role])} />
          ))}
        </Group>
      </Checkbox.Group>
      {save.isError && <ErrorAlert error={save.error} onClose={save.reset} />}
      <Group>
        <Button
          size="sm"
          disabled={!changed || chosen.length === 0}
          loading={save.isPending}
          onClick={() => save.mutate({ roles: chosen as StaffRoleName[] })}
        >
          {t('emergency.policy.saveRoles')}
        </Button>
      </Group>
    </Stack>
  )
}

function AutomaticRelease({ policy }: { policy: EmergencyPolicyView }) {
  const { t } = useTranslation()
  const enable = useEnableAutomaticRelease()
  const disable = useDisableAutomaticRelease()
  const release = policy.automaticRelease
  const state = release.heldHere ? 'here' : release.on ? 'elsewhere' : 'off'
  return (
    <Stack gap="xs" data-testid="automatic-release">
      <Group gap="xs">
        <Text fw={600} size="sm">
          {t('emergency.policy.automaticTitle')}
        </Text>
        <Badge color={release.on ? 'green' : 'gray'} variant="light" tt="none">
          {release.on ? t('emergency.policy.on') : t('emergency.policy.off')}
        </Badge>
      </Group>
      <Text size="sm">{t(`emergency.policy.state.${state}`)}</Text>
      {release.sealedByAnotherSecret && (
        <Alert color="orange" variant="light">
          {t('emergency.policy.sealedByAnotherSecret')}
        </Alert>
      )}
      {release.nodeSecret === null ? (
        <Alert color="orange" variant="light" data-testid="automatic-release-unavailable">
          {t('emergency.policy.noSecret')}
        </Alert>
      ) : (
        !release.heldHere && (
          <Group>
            <Button
              size="sm"
              color="red"
              variant="light"
              loading={enable.isPending}
              onClick={() => enable.mutate()}
            >
              {release.on ? t('emergency.policy.moveHere') : t('emergency.policy.enable')}
            </Button>
          </Group>
        )
      )}
      {release.on && (
        <Group>
          <Button
            size="sm"
            variant="default"
            loading={disable.isPending}
            onClick={() => {
              enable.reset()
              disable.mutate()
            }}
          >
            {t('emergency.policy.disable')}
          </Button>
        </Group>
      )}
      {enable.isError && <ErrorAlert error={enable.error} onClose={enable.reset} />}
      {disable.isError && <ErrorAlert error={disable.error} onClose={disable.reset} />}
      {enable.isSuccess && (
        <Text size="sm" role="status">
          {t('emergency.policy.enabled', { count: enable.data.keysWrapped })}
        </Text>
      )}
    </Stack>
  )
}
