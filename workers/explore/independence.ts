/** Which steps of different threads commute (for partial-order reduction in explorer.ts). */
import type { Op } from './types.ts';

/**
 * Whether two operations of different threads may not commute. Conservative: anything that might
 * enable or disable the other (lock/unlock, wait/notify, barrier) counts as dependent.
 */
export function dependent(a: Op, b: Op): boolean {
  // Resuming is private, except a timed wait's time-out: a notify on its cell would wake it instead.
  if (a.kind === 'resume' && !timesOut(a)) return false;
  if (b.kind === 'resume' && !timesOut(b)) return false;
  // An opaque built-in step may touch every cell.
  if (a.kind === 'call') return isMemory(b);
  if (b.kind === 'call') return isMemory(a);
  const ra = resources(a);
  const rb = resources(b);
  for (const [ka, wa] of ra) for (const [kb, wb] of rb) if (ka === kb && (wa || wb)) return true;
  return false;
}

const isMemory = (op: Op) =>
  op.kind === 'read' ||
  op.kind === 'write' ||
  op.kind === 'rmw' ||
  op.kind === 'wait' ||
  op.kind === 'call';

function resources(op: Op): [string, boolean][] {
  switch (op.kind) {
    case 'read':
      return [[`m${op.index}`, false]];
    case 'write':
    case 'rmw':
      return [[`m${op.index}`, true]];
    case 'wait':
      return [
        [`m${op.index}`, false],
        [`f${op.index}`, true],
      ];
    case 'notify':
      return [[`f${op.index}`, true]];
    case 'resume':
      return [[`f${op.index}`, true]];
    case 'lock':
    case 'unlock':
      return [[`L${op.mutex}`, true]];
    case 'barrier':
      return [['B', true]];
    case 'enter':
    case 'leave':
      return [[`S${op.section}`, true]];
    default:
      return [];
  }
}

const timesOut = (op: Op) =>
  op.kind === 'resume' && op.result === 'timed-out' && op.index !== undefined;
