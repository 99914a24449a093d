import { useMemo, useState } from 'react';
import { buildRing, lookup, nodeList, type RingNode } from '../../../workers/ring/ring.ts';
import { murmur3 } from '../../../workers/ring/hash.ts';
import { buildKetama } from '../../../workers/ring/ketama.ts';
import { md5Point } from '../../../workers/ring/md5-fast.ts';
import { nodeColor } from './palette.ts';
import { movedMessage, type RingState } from './moved-message.ts';

const SIZE = 340;
const C = SIZE / 2;
const R_RING = 140;
const R_KEYS = 112;
const TWO32 = 4294967296;
const SAMPLE_KEYS = 48;

const angle = (h: number) => (h / TWO32) * 2 * Math.PI - Math.PI / 2;
const at = (h: number, r: number) => ({
  x: C + r * Math.cos(angle(h)),
  y: C + r * Math.sin(angle(h)),
});

interface Placement extends RingState {
  ids: string[];
  owner: Map<string, string>;
}

/**
 * The ring itself, small enough to see: servers' virtual nodes on the circle, a sample of keys inside.
 * Hover or focus a key to see its clockwise walk to its owner; add, remove or fail servers and the
 * keys that move are ringed and counted.
 */
export function RingPicture() {
  const [count, setCount] = useState(4);
  const [vnodes, setVnodes] = useState(3);
  const [failed, setFailed] = useState<Set<string>>(new Set());
  const [previous, setPrevious] = useState<Placement | null>(null);
  const [focus, setFocus] = useState<number | null>(null);
  const [chosen, setChosen] = useState('');
  // 'ketama': the points memcached clients compute (MD5, 160 per server), instead of Interleave's.
  const [mode, setMode] = useState<'interleave' | 'ketama'>('interleave');
  const ketama = mode === 'ketama';

  const keys = useMemo(
    () =>
      Array.from({ length: SAMPLE_KEYS }, (_, i) => ({
        name: `user:${i}`,
        hash: ketama ? md5Point(`user:${i}`) : murmur3(`user:${i}`),
      })),
    [ketama],
  );
  const nodes: RingNode[] = useMemo(() => nodeList(count), [count]);
  // The server the Fail/Restore button acts on (the first one until the learner picks another).
  const target = nodes.some((n) => n.id === chosen) ? chosen : nodes[0].id;
  const live = useMemo(() => nodes.filter((n) => !failed.has(n.id)), [nodes, failed]);
  const ring = useMemo(
    () =>
      !live.length
        ? null
        : ketama
          ? buildKetama(live.map((n) => ({ name: n.id })))
          : buildRing(live, { vnodes }),
    [live, vnodes, ketama],
  );
  const pointsPerServer = ketama ? 160 : vnodes;
  const placement: Placement = useMemo(() => {
    const owner = new Map<string, string>();
    if (ring) for (const k of keys) owner.set(k.name, ring.ids[lookup(ring, k.hash)]);
    return { ids: ring?.ids ?? [], owner, live: live.map((n) => n.id), vnodes: pointsPerServer };
  }, [ring, keys, live, pointsPerServer]);

  const moved = previous
    ? keys.filter((k) => previous.owner.get(k.name) !== placement.owner.get(k.name))
    : [];
  const change = (fn: () => void) => {
    setPrevious(placement);
    fn();
  };
  const colorOf = (id: string) => nodeColor(nodes.findIndex((n) => n.id === id));
  const vnodePoints = ring
    ? Array.from(ring.positions, (p, i) => ({ p, id: ring.ids[ring.owners[i]], index: i }))
    : [];
  const focused = focus != null ? keys[focus] : null;
  const focusedOwnerIndex =
    focused && ring
      ? (() => {
          const i = Math.max(
            0,
            ring.positions.findIndex((p) => p >= focused.hash),
          );
          return ring.positions[ring.positions.length - 1] < focused.hash ? 0 : i;
        })()
      : null;

  return (
    <div className="ring-picture">
      <div className="ring-controls toolbar">
        <button
          type="button"
          onClick={() => change(() => setCount((c) => Math.min(12, c + 1)))}
          disabled={count >= 12}
        >
          + Add server
        </button>
        <button
          type="button"
          onClick={() => change(() => setCount((c) => Math.max(1, c - 1)))}
          disabled={count <= 1}
        >
          − Remove server
        </button>
        {/* Choosing in the list only picks a server; the button acts. A select that acted on change
            would fail servers one by one as a keyboard user arrows through it. */}
        <label className="inline-select">
          Server{' '}
          <select value={target} onChange={(e) => setChosen(e.target.value)}>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.id}
                {failed.has(n.id) ? ' (failed)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() =>
            change(() =>
              setFailed((f) => {
                const next = new Set(f);
                if (next.has(target)) next.delete(target);
                else next.add(target);
                return next;
              }),
            )
          }
        >
          {failed.has(target) ? `Restore ${target}` : `Fail ${target}`}
        </button>
        <label className="inline-select">
          Points from{' '}
          <select
            value={mode}
            onChange={(e) => {
              // Every key and point hashes differently: nothing to compare with the last layout.
              setPrevious(null);
              setMode(e.target.value as 'interleave' | 'ketama');
            }}
          >
            <option value="interleave">Interleave (murmur3)</option>
            <option value="ketama">Ketama (MD5, as memcached clients)</option>
          </select>
        </label>
        <label className="inline-select">
          Points per server{' '}
          <select
            value={vnodes}
            disabled={ketama}
            title={ketama ? 'Ketama: 40 MD5 digests × 4 points = 160 per server' : undefined}
            onChange={(e) => change(() => setVnodes(Number(e.target.value)))}
          >
            {[1, 2, 3, 4, 8, 16].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="ring-body">
        <svg
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          width={SIZE}
          height={SIZE}
          className="ring-svg"
          role="group"
          aria-label={`Hash ring: ${live.length} live servers with ${pointsPerServer} points each${ketama ? ' (Ketama)' : ''}, and ${SAMPLE_KEYS} keys`}
        >
          <circle cx={C} cy={C} r={R_RING} className="ring-circle" />
          <text x={C} y={C - R_RING - 10} textAnchor="middle" className="ring-tick">
            0 / 2³²
          </text>
          {focused && focusedOwnerIndex != null && ring && (
            <path
              className="ring-walk"
              d={arc(focused.hash, ring.positions[focusedOwnerIndex], R_KEYS + 12)}
            />
          )}
          {vnodePoints.map((v) => {
            const { x, y } = at(v.p, R_RING);
            // 160 points per server would bury the circle under 12-px squares: Ketama's are small.
            const half = ketama ? 2 : 6;
            return (
              <g key={`${v.id}-${v.index}`}>
                <rect
                  x={x - half}
                  y={y - half}
                  width={2 * half}
                  height={2 * half}
                  rx={ketama ? 0 : 2}
                  fill={colorOf(v.id)}
                  className="ring-vnode"
                >
                  <title>{`${v.id} (point at ${v.p})`}</title>
                </rect>
              </g>
            );
          })}
          {keys.map((k, i) => {
            const { x, y } = at(k.hash, R_KEYS);
            const owner = placement.owner.get(k.name);
            const wasMoved = moved.includes(k);
            return (
              <circle
                key={k.name}
                cx={x}
                cy={y}
                r={focus === i ? 7 : 4.5}
                fill={owner ? colorOf(owner) : '#999'}
                className={`ring-key${wasMoved ? ' moved' : ''}`}
                tabIndex={0}
                role="img"
                aria-label={`${k.name} belongs to ${owner ?? 'no server'}${wasMoved ? ', just moved' : ''}`}
                onMouseEnter={() => setFocus(i)}
                onMouseLeave={() => setFocus(null)}
                onFocus={() => setFocus(i)}
                onBlur={() => setFocus(null)}
              />
            );
          })}
          <text x={C} y={C - 4} textAnchor="middle" className="ring-center">
            {focused ? focused.name : `${live.length} servers`}
          </text>
          <text x={C} y={C + 16} textAnchor="middle" className="ring-center-sub">
            {focused ? `→ ${placement.owner.get(focused.name)}` : 'hover a key'}
          </text>
        </svg>
        <div className="ring-legend">
          <p role="status" aria-live="polite" className="ring-moved" data-testid="ring-moved">
            {previous
              ? movedMessage(previous, placement, moved.length, SAMPLE_KEYS)
              : 'Add, remove or fail a server to see which keys move.'}
          </p>
          <ul>
            {nodes.map((n, i) => {
              const n_keys = [...placement.owner.values()].filter((o) => o === n.id).length;
              return (
                <li key={n.id} className={failed.has(n.id) ? 'failed' : ''}>
                  <span
                    className="swatch"
                    style={{ background: nodeColor(i) }}
                    aria-hidden="true"
                  />
                  {n.id} {failed.has(n.id) ? '(failed ✗)' : `· ${n_keys} keys`}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The clockwise arc from a key to its owner's point. */
function arc(from: number, to: number, r: number): string {
  const a = at(from, r);
  const b = at(to, r);
  const sweep = ((to - from + TWO32) % TWO32) / TWO32;
  return `M ${a.x} ${a.y} A ${r} ${r} 0 ${sweep > 0.5 ? 1 : 0} 1 ${b.x} ${b.y}`;
}
