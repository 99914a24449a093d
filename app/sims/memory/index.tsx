import type { SimProps } from '../registry.ts';
import { PetersonRuns } from './PetersonRuns.tsx';

/** Placeholder: the litmus lab is being built on branch `lab`. */
export default function MemorySim({ session }: SimProps) {
  return (
    <div>
      <h2>Litmus lab</h2>
      <PetersonRuns session={session} />
    </div>
  );
}
