import { useCallback, useEffect, useRef, useState } from 'react';
import { createRemoteStepper, type RemoteStepper } from '../../workers/explore/client.ts';
import type { MemoryModel, StepperState } from '../../workers/explore/api.ts';
import type { SourceError } from '../../workers/runtime/source-error.ts';

export interface StepSettings {
  threads: number;
  params: Record<string, number>;
  sharedCells: number;
  /** Absent: sequential consistency (as before the store-buffer mode existed). */
  memoryModel?: MemoryModel;
}

/**
 * A "you are the scheduler" session over the learner's current code. The schedule is kept on the
 * page, so undo, replay and a restarted worker cost nothing but a re-run from the start.
 *
 * Nothing runs until the learner asks: opening the tab, a shared link or a saved state only shows
 * the threads; the first Step, Replay or Start creates the session. After that, an edit to the code
 * or the settings starts a fresh session (debounced while typing), as the learner expects.
 */
export function useStepSession(source: string, settings: StepSettings) {
  const [state, setState] = useState<StepperState | null>(null);
  const [error, setError] = useState<SourceError | null>(null);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState(false);
  const stepper = useRef<{ key: string; s: RemoteStepper } | null>(null);
  const key = JSON.stringify([source, settings]);
  const latest = useRef({ key, source, settings });
  useEffect(() => {
    latest.current = { key, source, settings };
  });

  /** The session for the current code, made on first use. */
  const current = useCallback((): RemoteStepper => {
    const { key, source, settings } = latest.current;
    if (stepper.current?.key !== key) {
      stepper.current = {
        key,
        s: createRemoteStepper(source, {
          threads: settings.threads,
          params: settings.params,
          sharedCells: settings.sharedCells,
          ...(settings.memoryModel ? { memoryModel: settings.memoryModel } : {}),
        }),
      };
    }
    return stepper.current.s;
  }, []);

  const apply = useCallback(
    async (call: (s: RemoteStepper) => ReturnType<RemoteStepper['state']>) => {
      const s = current();
      setStarted(true);
      setBusy(true);
      try {
        const r = await call(s);
        if (stepper.current?.s !== s) return; // the code changed meanwhile
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
    [current],
  );

  // Once started, a new session whenever the code or the settings change.
  useEffect(() => {
    if (!started || stepper.current?.key === key) return;
    const id = setTimeout(() => void apply((s) => s.state()), 250);
    return () => clearTimeout(id);
  }, [key, started, apply]);

  return {
    state,
    error,
    busy,
    /** Whether the learner has run anything here yet. */
    started,
    start: useCallback(() => apply((s) => s.state()), [apply]),
    step: useCallback((tid: number) => apply((s) => s.step(tid)), [apply]),
    /**
     * The first step: runs to the starting state first, so a thread that cannot move (code that
     * never reaches shared memory, a budget hit on the way) shows that state and its reason rather
     * than "cannot move".
     */
    begin: useCallback(
      (tid: number) =>
        apply(async (s) => {
          const first = await s.state();
          if (!first.ok || first.budgetError || !first.enabled.includes(tid)) return first;
          return s.step(tid);
        }),
      [apply],
    ),
    undo: useCallback(() => apply((s) => s.undo()), [apply]),
    restart: useCallback(() => apply((s) => s.replay([])), [apply]),
    replay: useCallback((schedule: number[]) => apply((s) => s.replay(schedule)), [apply]),
  };
}
