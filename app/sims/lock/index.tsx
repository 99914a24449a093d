import type { SimProps } from '../registry.ts';
export default function LockSim(_: SimProps) {
  return null;
}
