import type { SimProps } from '../registry.ts';
import { Lab } from './Lab.tsx';
import { PetersonRuns } from './PetersonRuns.tsx';
import './memory.css';

/** The memory-order lesson's panel: the litmus lab, then Peterson's lock run on real workers. */
export default function MemorySim({ session }: SimProps) {
  return (
    <div className="memory-sim">
      <Lab slug={session.lesson.slug} />
      <PetersonRuns session={session} />
    </div>
  );
}
