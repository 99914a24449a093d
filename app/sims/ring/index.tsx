import { useState } from 'react';
import type { SimProps } from '../registry.ts';
import { RingPicture } from './RingPicture.tsx';
import { Failures } from './Failures.tsx';
import { HotKeys } from './HotKeys.tsx';
import { Rebalance } from './Rebalance.tsx';
import { VirtualNodes } from './VirtualNodes.tsx';
import { Compare } from './Compare.tsx';
import { KetamaPanel } from './Ketama.tsx';

const SECTIONS = [
  { id: 'ring', label: 'The ring', Panel: RingPicture },
  { id: 'rebalance', label: 'Add a server', Panel: Rebalance },
  { id: 'vnodes', label: 'Virtual nodes', Panel: VirtualNodes },
  { id: 'failures', label: 'Replication & failure', Panel: Failures },
  { id: 'hot', label: 'Hot keys', Panel: HotKeys },
  { id: 'ketama', label: 'Your servers (Ketama)', Panel: KetamaPanel },
  { id: 'compare', label: 'Compare', Panel: Compare },
] as const;

/** The hash-ring lesson's simulation: a picture to play with, then experiments on up to 1M keys. */
export default function RingSim(_props: SimProps) {
  const [active, setActive] = useState<(typeof SECTIONS)[number]['id']>('ring');
  const [visited, setVisited] = useState(() => new Set<string>(['ring']));
  return (
    <div className="ring-sim">
      <nav aria-label="Ring experiments" className="subnav">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            aria-pressed={active === s.id}
            onClick={() => {
              setActive(s.id);
              setVisited((v) => new Set(v).add(s.id));
            }}
          >
            {s.label}
          </button>
        ))}
      </nav>
      {SECTIONS.filter((s) => visited.has(s.id)).map(({ id, Panel }) => (
        // Visited sections stay mounted so their results survive switching back and forth.
        <div key={id} hidden={active !== id}>
          <Panel />
        </div>
      ))}
    </div>
  );
}
