import type { BenchFigure, BenchResult } from './types.ts';

// Every bench/figures/*.ts contributes; ?only=race runs the figures whose name contains "race".
const modules = import.meta.glob<{ figures: BenchFigure[] }>('./figures/*.ts');

export interface BenchRow extends BenchResult {
  name: string;
  unit: string;
  error?: string;
}

declare global {
  interface Window {
    __bench?: { done: boolean; rows: BenchRow[] };
  }
}

async function main() {
  const only = new URLSearchParams(location.search).get('only');
  const state = (window.__bench = { done: false as boolean, rows: [] as BenchRow[] });
  const table = document.getElementById('results')!;
  for (const path of Object.keys(modules).sort()) {
    const { figures } = await modules[path]();
    for (const f of figures) {
      if (only && !f.name.includes(only)) continue;
      document.getElementById('status')!.textContent = `Running ${f.name}…`;
      let row: BenchRow;
      try {
        row = { name: f.name, unit: f.unit, ...(await f.run()) };
      } catch (e) {
        row = {
          name: f.name,
          unit: f.unit,
          value: NaN,
          reference: null,
          referenceName: '',
          error: String(e),
        };
      }
      state.rows.push(row);
      const tr = document.createElement('tr');
      tr.textContent = `${row.name}: ${row.value} ${row.unit} (reference ${row.reference} ${row.referenceName})`;
      table.append(tr);
    }
  }
  document.getElementById('status')!.textContent = 'Done';
  state.done = true;
}

void main();
