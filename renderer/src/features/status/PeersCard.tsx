import { Badge, Card, Group, Table, Text, Title } from '@mantine/core'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { PeerStatus } from '../../../../electron/node/status.ts'
import { useFormatters } from '../../i18n/format.ts'
import { CopyValueButton } from '../../shared/CopyValueButton.tsx'

const STATE_COLORS: Record<PeerStatus['state'], string> = {
  connected: 'green',
  reconnecting: 'yellow',
  unreachable: 'red',
}

/** A peer id is 52 characters: its start and end tell peers apart, the copy button gives all. */
function shortPeerId(peerId: string): string {
  return peerId.length > 20 ? `${peerId.slice(0, 10)}…${peerId.slice(-6)}` : peerId
}

/**
 * Every consortium peer this node knows: configured ones, those other peers told it about, and
 * those that connected to it; with its state, latency and when it was last seen.
 */
export function PeersCard({ peers }: { peers: PeerStatus[] }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const titleId = useId()
  const connected = peers.filter((peer) => peer.state === 'connected').length
  return (
    <Card
      component="section"
      aria-labelledby={titleId}
      withBorder
      radius="md"
      padding="lg"
      data-testid="status-peers"
    >
      <Group justify="space-between" align="baseline" mb="sm">
        <Title id={titleId} order={2} size="h4">
          {t('status.peers.title')}
        </Title>
        <Text size="sm" c="dimmed" data-testid="status-peers-summary">
          {t('status.peers.summary', {
            connected: format.number(connected),
            known: format.number(peers.length),
          })}
        </Text>
      </Group>
      {peers.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="status-peers-empty">
          {t('status.peers.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={6} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('status.peers.peer')}</Table.Th>
                <Table.Th>{t('status.peers.address')}</Table.Th>
                <Table.Th>{t('status.peers.state')}</Table.Th>
                <Table.Th ta="right">{t('status.peers.latency')}</Table.Th>
                <Table.Th>{t('status.peers.lastSeen')}</Table.Th>
                <Table.Th>{t('status.peers.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {peers.map((peer) => (
                <Table.Tr
                  key={peer.peerId ?? peer.addresses[0]}
                  data-testid="status-peer-row"
                  data-peer-id={peer.peerId ?? ''}
                  data-state={peer.state}
                >
                  <Table.Td>
                    {peer.peerId ? (
                      <Group gap={4} wrap="nowrap">
                        <Text span ff="monospace" size="sm" title={peer.peerId}>
                          {shortPeerId(peer.peerId)}
                        </Text>
                        <CopyValueButton value={peer.peerId} label={t('status.ipfs.peerId')} />
                      </Group>
                    ) : (
                      <Text span size="sm" c="dimmed">
                        {t('status.peers.notAnswered')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text span ff="monospace" size="xs">
                      {peer.addresses[0] ?? t('status.peers.noAddress')}
                    </Text>
                    {peer.addresses.length > 1 && (
                      <Text span size="xs" c="dimmed" title={peer.addresses.slice(1).join('\n')}>
                        {' '}
                        {t('status.peers.moreAddresses', { count: peer.addresses.length - 1 })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={STATE_COLORS[peer.state]}
                      tt="none"
                      size="md"
                      title={
                        peer.failures > 0
                          ? t('status.peers.failedDials', { count: peer.failures })
                          : undefined
                      }
                    >
                      {t(`status.peers.states.${peer.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {peer.latencyMs === null || peer.state !== 'connected'
                      ? '–'
                      : t('status.peers.latencyMs', { ms: format.number(peer.latencyMs) })}
                  </Table.Td>
                  <Table.Td>
                    {peer.state === 'connected'
                      ? t('status.peers.now')
                      : peer.lastSeen
                        ? format.dateTime(peer.lastSeen)
                        : t('status.peers.never')}
                  </Table.Td>
                  <Table.Td>{t(`status.peers.sources.${peer.source}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  )
}
