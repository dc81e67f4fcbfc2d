import { List, Text } from '@mantine/core'

interface AddressListProps {
  items: readonly string[]
  emptyText: string
  label: string
}

/** Multiaddrs or peer ids, one per line; long lists scroll instead of stretching the card. */
export function AddressList({ items, emptyText, label }: AddressListProps) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    )
  }
  return (
    <List
      aria-label={label}
      size="sm"
      listStyleType="none"
      spacing={2}
      mah={160}
      style={{ overflowY: 'auto' }}
    >
      {items.map((item) => (
        <List.Item key={item} ff="monospace" style={{ wordBreak: 'break-all' }}>
          {item}
        </List.Item>
      ))}
    </List>
  )
}
