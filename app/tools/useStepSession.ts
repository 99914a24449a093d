import { useCallback, useEffect, useRef, useState } from 'react';
import { createRemoteStepper, type RemoteStepper } from '../../workers/explore/client.ts';
import type { StepperState } from '../../workers/explore/api.ts';
import type { SourceError } from '../../workers/runtime/source-error.ts';

export interface StepSettings {
  threads: number;
  params: Record<string, number>;
  sharedCells: number;
}

/**
 * A "you are the scheduler" session over the learner's current code. The schedule is kept on the
 * page, so undo, replay and a restarted worker cost nothing but a re-run from the start.
 */
export function useStepSession(
  source: string,
  settings: StepSettings,
  initialSchedule: number[] | null,
) {
  const [state, setState] = useState<StepperState | null>(null);
  const [error, setError] = useState<SourceError | null>(null);
  const [busy, setBusy] = useState(false);
  const stepper = useRef<RemoteStepper | null>(null);
  const pending = useRef(initialSchedule);
  const key = JSON.stringify([source, settings]);

  const apply = useCallback(
    async (call: (s: RemoteStepper) => ReturnType<RemoteStepper['state']>) => {
      const s = stepper.current;
      if (!s) return;
      setBusy(true);
      try {
        const r = await call(s);
        if (stepper.current !== s) return; // the code changed meanwhile
        if (r.ok) {
          setState(r);
          setError(null);
        } else setError(r.error);
      } catch (e) {
        setError({ message: e instanceof Error ? e.message : String(e), line: null, column: null });
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  // A new session whenever the code or the settings change (debounced while typing).
  useEffect(() => {
    const id = setTimeout(() => {
      stepper.current = createRemoteStepper(source, {
        threads: settings.threads,
        params: settings.params,
        sharedCells: settings.sharedCells,
      });
      const schedule = pending.current;
      pending.current = null;
      void apply((s) => (schedule ? s.replay(schedule) : s.state()));
    }, 250);
    return () => clearTimeout(id);
    // `key` captures source and settings by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, apply]);

  return {
    state,
    error,
    busy,
    step: useCallback((tid: number) => apply((s) => s.step(tid)), [apply]),
    undo: useCallback(() => apply((s) => s.undo()), [apply]),
    restart: useCallback(() => apply((s) => s.replay([])), [apply]),
    replay: useCallback((schedule: number[]) => apply((s) => s.replay(schedule)), [apply]),
  };
}
