/**
 * Console output is untrusted in size: a learner's loop can log a thousand lines of 200,000
 * characters each. Rendering all of it freezes the page, so the console shows a bounded prefix, by
 * lines and by characters, and says how much it left out. Pure, so it is tested in Node.
 */
export interface Line {
  kind: 'info' | 'error' | 'log' | 'success';
  text: string;
}

export interface Bounds {
  maxLines: number;
  /** Characters over all shown lines together. */
  maxChars: number;
  /** Characters of any one line, so one giant line cannot fill the whole budget. */
  maxLineChars: number;
}

export const CONSOLE_BOUNDS: Bounds = { maxLines: 500, maxChars: 20_000, maxLineChars: 2_000 };

const fmt = (n: number) => n.toLocaleString('en');

/**
 * The lines to show: whole lines while they fit, then the start of the next one, then one
 * summary line with what was left out. Lines of kind info/error/success after the logs (the run's
 * own verdict) are always kept, shortened if needed, so "Finished in 12 ms" never disappears.
 */
export function boundLines<L extends Line>(lines: readonly L[], bounds = CONSOLE_BOUNDS): Line[] {
  // The trailing non-log lines are the run's summary: reserve room for them.
  let tail = lines.length;
  while (tail > 0 && lines[tail - 1].kind !== 'log') tail--;
  const head = lines.slice(0, tail);
  const summary = lines.slice(tail, tail + 5).map((l) => clip(l, 2_000));
  let chars = 0;
  let hiddenChars = 0;
  let hiddenLines = 0;
  const shown: Line[] = [];
  for (const l of head) {
    const room = Math.min(bounds.maxLineChars, bounds.maxChars - chars);
    if (shown.length >= bounds.maxLines || bounds.maxChars - chars <= 0) {
      hiddenLines++;
      hiddenChars += l.text.length;
      continue;
    }
    if (l.text.length <= room) {
      shown.push(l);
      chars += l.text.length;
    } else {
      shown.push({ kind: l.kind, text: `${l.text.slice(0, room)}…` });
      chars += room;
      hiddenChars += l.text.length - room;
    }
  }
  if (hiddenChars > 0 || hiddenLines > 0) {
    const parts = [`${fmt(hiddenChars)} more character${hiddenChars === 1 ? '' : 's'}`];
    if (hiddenLines > 0) parts.push(`${fmt(hiddenLines)} more line${hiddenLines === 1 ? '' : 's'}`);
    const more = parts.length > 1 ? `${parts[0]} (${parts[1]})` : parts[0];
    shown.push({ kind: 'info', text: `… ${more} not shown.` });
  }
  return [...shown, ...summary];
}

function clip(l: Line, max: number): Line {
  return l.text.length <= max
    ? l
    : {
        kind: l.kind,
        text: `${l.text.slice(0, max)}… (${fmt(l.text.length - max)} more characters)`,
      };
}
