import type { SimProps } from '../registry.ts';
import { Lab } from './Lab.tsx';
import './memory.css';

/** The memory-order lesson's panel: the litmus lab (Peterson's real runs go below it). */
export default function MemorySim({ session }: SimProps) {
  return (
    <div className="memory-sim">
      <Lab slug={session.lesson.slug} />
    </div>
  );
}
