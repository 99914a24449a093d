import type { SimProps } from '../registry.ts';

export default function SleepSim(_props: SimProps) {
  return <div className="sleep">Draft</div>;
}
