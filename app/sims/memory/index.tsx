import type { SimProps } from '../registry.ts';

/** Placeholder: the litmus lab is being built on branch `lab`. */
export default function MemorySim(_props: SimProps) {
  return <h2>Litmus lab</h2>;
}
