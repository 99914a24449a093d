/** How much one thread may print in one run; past that the output says what was left out. */
export const LOG_LIMITS = { lines: 200, chars: 20_000, lineChars: 2_000 } as const;

/**
 * A thread's output, bounded by lines and by total characters: a page must never have to render
 * megabytes of log. Once full, further lines are counted but not formatted or kept.
 */
export function boundedLog(
  limits: { lines: number; chars: number; lineChars: number } = LOG_LIMITS,
) {
  const lines: string[] = [];
  let chars = 0;
  let dropped = 0;
  return {
    full: () => lines.length >= limits.lines || chars >= limits.chars,
    push(line: string) {
      if (lines.length >= limits.lines || chars >= limits.chars) {
        dropped++;
        return;
      }
      let text = line;
      const room = Math.min(limits.lineChars, limits.chars - chars);
      if (text.length > room) {
        text = `${text.slice(0, room)}… (line cut: ${grouped(line.length)} characters)`;
      }
      chars += text.length;
      lines.push(text);
    },
    lines(): string[] {
      if (dropped === 0) return lines;
      return [
        ...lines,
        `… ${grouped(dropped)} more line${dropped === 1 ? '' : 's'} not shown (output is limited to ${limits.lines} lines and ${grouped(limits.chars)} characters per thread)`,
      ];
    },
  };
}

/** 200000 → "200,000" (toLocaleString is tamed to plain toString in a hardened realm). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
