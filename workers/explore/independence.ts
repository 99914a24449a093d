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

export function resources(op: Op): [string, boolean][] {
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

/**
 * A move's effect under x86-TSO store buffers, for partial-order reduction: what it touches in
 * shared memory (`op`, or null when it touches only its own buffer) plus `extra` resources. Every
 * move of thread i and its flush move F_i touch "buffer i" (so they never commute: a store fills
 * the buffer F_i empties, a fence drains it); a fence also writes every cell it drains.
 */
export interface Footprint {
  op: Op | null;
  extra: [string, boolean][];
}

export function footprintsDependent(a: Footprint, b: Footprint): boolean {
  // An opaque built-in may touch every cell, drained ones included.
  if (a.op?.kind === 'call' || b.op?.kind === 'call') return true;
  if (a.op && b.op && dependent(a.op, b.op)) return true;
  const ra = a.op ? resources(a.op) : [];
  const rb = b.op ? resources(b.op) : [];
  for (const [ka, wa] of a.extra) {
    for (const [kb, wb] of b.extra) if (ka === kb && (wa || wb)) return true;
    for (const [kb, wb] of rb) if (ka === kb && (wa || wb)) return true;
  }
  for (const [kb, wb] of b.extra)
    for (const [ka, wa] of ra) if (ka === kb && (wa || wb)) return true;
  return false;
}
