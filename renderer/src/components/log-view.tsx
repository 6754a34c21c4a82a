import { useEffect, useRef } from 'react';
import { Box, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';

const ROW_HEIGHT = 18;

/**
 * The build log, virtualized: only the rows on screen exist in the page, so a 200,000-line log
 * scrolls as smoothly as a short one. It follows the end while the user is at the end.
 */
export function LogView({ lines, height = 320, label }: { lines: readonly string[]; height?: number; label: string }) {
  const parent = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  useEffect(() => {
    if (atEnd.current && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, virtualizer]);

  return (
    <Box
      ref={parent}
      role="log"
      aria-label={label}
      aria-live="off"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
      }}
      style={{ height, overflow: 'auto', background: 'var(--mantine-color-dark-8)', borderRadius: 'var(--mantine-radius-md)', padding: '6px 0' }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <Text
            key={item.key}
            component="div"
            ff="monospace"
            size="xs"
            c="gray.3"
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              height: ROW_HEIGHT,
              transform: `translateY(${item.start}px)`,
              whiteSpace: 'pre',
              padding: '0 10px',
            }}
          >
            {lines[item.index]}
          </Text>
        ))}
      </div>
    </Box>
  );
}
