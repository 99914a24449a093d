/** Node colours (distinguishable, and always paired with a text label: colour is never the only signal). */
const COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#393b79',
  '#637939',
];
export const nodeColor = (i: number) => COLORS[i % COLORS.length];
