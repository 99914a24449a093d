import type { Check } from '../../lessons/check-api.ts';

// Checks are code: loaded on demand, one chunk per lesson, only when the learner presses Check.
const modules = import.meta.glob<{ default: Check[] }>('../../lessons/*/checks.ts');

export async function loadChecks(folder: string): Promise<Check[]> {
  const load = modules[`../../lessons/${folder}/checks.ts`];
  if (!load) throw new Error(`lessons/${folder}/checks.ts is missing`);
  return (await load()).default;
}
