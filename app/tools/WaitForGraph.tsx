import type { Violation } from '../../workers/explore/types.ts';

/** Explore's deadlock, or a live run's report (workers/pool/deadlock.ts): the same waits and cycle. */
type Deadlock = Pick<Extract<Violation, { kind: 'deadlock' }>, 'waits' | 'cycle'>;

/**
 * The wait-for graph of a deadlock: one node per blocked thread, an arrow from each thread to the
 * thread it waits for, labelled with what it waits on. Threads sit on a circle so any cycle reads
 * as a loop.
 */
export function WaitForGraph({ deadlock }: { deadlock: Deadlock }) {
  const threads = deadlock.waits.map((w) => w.thread);
  const n = threads.length;
  const R = n <= 2 ? 60 : 70;
  const cx = 110;
  // Two threads sit side by side: a shorter picture.
  const height = n <= 2 ? 80 : 180;
  const cy = height / 2;
  const pos = new Map(
    threads.map((t, i) => [
      t,
      {
        x: cx + R * Math.cos((2 * Math.PI * i) / n - Math.PI / 2 + (n === 2 ? Math.PI / 2 : 0)),
        y: cy + R * Math.sin((2 * Math.PI * i) / n - Math.PI / 2 + (n === 2 ? Math.PI / 2 : 0)),
      },
    ]),
  );
  const edges = deadlock.waits.flatMap((w) => {
    if (w.on.kind === 'lock')
      return [{ from: w.thread, to: w.on.holder, label: `mutex ${w.on.mutex}` }];
    if (w.on.kind === 'barrier')
      return w.on.missing.map((m) => ({ from: w.thread, to: m, label: 'barrier' }));
    return [];
  });
  const inCycle = new Set(deadlock.cycle ?? []);
  const description = deadlock.waits.map((w) => `thread ${w.thread} ${w.text}`).join('; ');
  return (
    <figure className="waitfor">
      <svg
        viewBox={`0 0 220 ${height}`}
        width="220"
        height={height}
        role="img"
        aria-label={`Wait-for graph: ${description}`}
      >
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
          </marker>
        </defs>
        {edges.map((e, i) => {
          const a = pos.get(e.from);
          const b = pos.get(e.to);
          if (!a || !b) return null;
          // Offset the pair of opposite arrows so both are visible.
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const len = Math.hypot(dx, dy) || 1;
          const ox = (-dy / len) * 8;
          const oy = (dx / len) * 8;
          const sx = a.x + (dx / len) * 22 + ox;
          const sy = a.y + (dy / len) * 22 + oy;
          const ex = b.x - (dx / len) * 22 + ox;
          const ey = b.y - (dy / len) * 22 + oy;
          return (
            <g key={i} className={inCycle.has(e.from) && inCycle.has(e.to) ? 'edge cycle' : 'edge'}>
              <line x1={sx} y1={sy} x2={ex} y2={ey} markerEnd="url(#arrow)" />
              <text x={(sx + ex) / 2 + ox * 1.6} y={(sy + ey) / 2 + oy * 1.6} textAnchor="middle">
                {e.label}
              </text>
            </g>
          );
        })}
        {threads.map((t) => {
          const p = pos.get(t)!;
          return (
            <g key={t} className="node">
              <circle cx={p.x} cy={p.y} r="20" />
              <text x={p.x} y={p.y + 5} textAnchor="middle">
                T{t}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {deadlock.cycle
          ? `Cycle: ${[...deadlock.cycle, deadlock.cycle[0]].map((t) => `T${t}`).join(' → ')}. `
          : ''}
        {description}.
      </figcaption>
    </figure>
  );
}
