/** Pure descriptions for the UI and the machine: op text, blocked reasons, wait-for cycles, rmw results. */
import type { BlockedOn, Op } from './types.ts';

export function rmwResult(
  op: string,
  old: number,
  operand: number,
  replacement: number | undefined,
): number {
  switch (op) {
    case 'add':
      return (old + operand) | 0;
    case 'sub':
      return (old - operand) | 0;
    case 'and':
      return old & operand;
    case 'or':
      return old | operand;
    case 'xor':
      return old ^ operand;
    case 'exchange':
      return operand;
    default:
      return old === operand ? (replacement ?? 0) : old;
  }
}

/** A wait-for cycle among blocked threads, if any (depth-first search). */
export function findCycle(edges: Map<number, number[]>): number[] | null {
  const state = new Map<number, 1 | 2>();
  const path: number[] = [];
  const visit = (n: number): number[] | null => {
    state.set(n, 1);
    path.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 1) return path.slice(path.indexOf(m));
      if (!state.has(m) && edges.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    path.pop();
    state.set(n, 2);
    return null;
  };
  for (const n of [...edges.keys()].sort((a, b) => a - b)) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return null;
}

export function describeOp(op: Op): string {
  switch (op.kind) {
    case 'read':
      return op.atomic ? `Atomics.load(shared, ${op.index})` : `read shared[${op.index}]`;
    case 'write':
      return op.atomic
        ? `Atomics.store(shared, ${op.index}, ${op.value})`
        : `write shared[${op.index}] = ${op.value}`;
    case 'rmw':
      return op.op === 'compareExchange'
        ? `Atomics.compareExchange(shared, ${op.index}, ${op.operand}, ${op.replacement})`
        : `Atomics.${op.op}(shared, ${op.index}, ${op.operand})`;
    case 'wait':
      return `Atomics.wait(shared, ${op.index}, ${op.expected}${Number.isFinite(op.timeout) ? `, ${op.timeout}` : ''})`;
    case 'notify':
      return `Atomics.notify(shared, ${op.index}${Number.isFinite(op.count) ? `, ${op.count}` : ''})`;
    case 'lock':
      return `lock(${op.mutex})`;
    case 'unlock':
      return `unlock(${op.mutex})`;
    case 'barrier':
      return 'barrier()';
    case 'enter':
      return `enter("${op.section}")`;
    case 'leave':
      return `leave("${op.section}")`;
    case 'call':
      return `${op.name}(…) on shared memory`;
    case 'resume':
      return op.from === 'wait' ? `return "${op.result}" from Atomics.wait` : 'leave barrier()';
  }
}

export function blockedText(
  on: BlockedOn,
  threads: { id: number; done: boolean; error: unknown }[],
): string {
  switch (on.kind) {
    case 'lock':
      return `waits for mutex ${on.mutex}, held by thread ${on.holder}`;
    case 'wait':
      return on.index < 0
        ? 'cannot move'
        : `sleeps in Atomics.wait on shared[${on.index}] until notified${on.timed ? ' (or times out if stepped)' : ''}`;
    case 'barrier': {
      const gone = on.missing.filter((i) => threads[i].done || threads[i].error);
      const note = gone.length ? ` (thread ${gone.join(', ')} ended without arriving)` : '';
      return `waits at barrier() for thread ${on.missing.join(', ')}${note}`;
    }
    case 'spin':
      return `spins on shared[${on.cells.join('], shared[')}]: parked until another thread changes it`;
  }
}
