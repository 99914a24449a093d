import { useCallback, useRef, useState } from 'react';

/**
 * One experiment run at a time: its result, progress (0…1), error, and a cancel that aborts the
 * workers. Starting again cancels the previous run.
 */
export function useJob<T>() {
  const [result, setResult] = useState<T | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(
    async (
      job: (
        signal: AbortSignal,
        onProgress: (p: { done: number; total: number }) => void,
      ) => Promise<T>,
    ) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setError(null);
      setProgress(0);
      try {
        const r = await job(controller.signal, (p) =>
          setProgress(p.total ? p.done / p.total : null),
        );
        if (!controller.signal.aborted) setResult(r);
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      } finally {
        if (abort.current === controller) {
          abort.current = null;
          setProgress(null);
        }
      }
    },
    [],
  );
  const cancel = useCallback(() => abort.current?.abort(), []);
  return { result, progress, error, running: progress !== null, run, cancel };
}

/**
 * The one way long work shows itself: a progress bar, the percentage, and (given `onCancel`) a
 * Cancel that aborts the job's workers. Renders nothing when no job is running.
 */
export function Progress({
  value,
  label,
  onCancel,
}: {
  value: number | null;
  label: string;
  onCancel?: () => void;
}) {
  if (value === null) return null;
  return (
    <div className="job-progress">
      <progress max={1} value={value} aria-label={label} /> <span>{Math.round(value * 100)} %</span>
      {onCancel && (
        <button type="button" className="cancel" onClick={onCancel}>
          ■ Cancel
        </button>
      )}
    </div>
  );
}
