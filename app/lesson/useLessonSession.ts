import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LessonContent } from '../../lessons/format.ts';
import {
  runChecks,
  type CheckContext,
  type CheckEvent,
  type CheckTally,
  type Verdict,
} from '../../lessons/check-api.ts';
import { getRunner } from '../../workers/pool/client.ts';
import { getExploreClient } from '../../workers/explore/client.ts';
import type { RunResult } from '../../workers/pool/pool.ts';
import { describeError, type SourceError } from '../../workers/runtime/source-error.ts';
import { loadChecks } from './checks-registry.ts';
import { storage } from '../lib/storage.ts';
import { progress, useProgress } from '../lib/progress.ts';
import { defaultsOf, restoreSaved, type Saved } from './restore.ts';
import { boundLines } from '../code/bound.ts';

export interface RunRecord {
  n: number;
  threads: number;
  params: Record<string, number>;
  /** The code that ran: a sim never mixes runs of different code into one history or measurement. */
  code: string;
  result: RunResult;
}

export type ConsoleLine = { kind: 'info' | 'error' | 'log' | 'success'; text: string };

export interface CheckRow {
  name: string;
  state: 'pending' | 'running' | Verdict;
  message: string;
}

const MAX_HISTORY = 200;
const key = (slug: string) => `interleave:v1:lesson:${slug}`;
/** The learner's own code, set aside when a shared link replaced it. */
const asideKey = (slug: string) => `interleave:v1:lesson:${slug}:before-link`;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Everything one lesson page holds: code, settings, run history, checks. Persisted per lesson. */
export function useLessonSession(lesson: LessonContent, sharedCode: string | null) {
  const defaults = useMemo<Saved>(() => defaultsOf(lesson.starter, lesson), [lesson]);
  // Read once: the state to start from, and what (if anything) the learner must be told about it.
  const [initial] = useState(() => {
    const r = restoreSaved(storage.get(key(lesson.slug)), lesson.starter, lesson);
    let aside: string | null = null;
    if (sharedCode != null && sharedCode !== r.saved.code && r.saved.code !== lesson.starter) {
      // The link's code replaces the learner's own: keep theirs, so one click brings it back.
      aside = r.saved.code;
      storage.set(asideKey(lesson.slug), aside);
    }
    return { ...r, aside, saved: { ...r.saved, code: sharedCode ?? r.saved.code } };
  });
  const [saved, setSaved] = useState<Saved>(initial.saved);
  const [aside, setAside] = useState<string | null>(initial.aside);
  /** What happened to the saved state on the way in (damaged, too large …); null when all is well. */
  const [restoreNotice, setRestoreNotice] = useState<string | null>(initial.notice);
  const [runs, setRuns] = useState<RunRecord[]>([]);
  const [running, setRunning] = useState(false);
  const [consoleLines, setConsole] = useState<ConsoleLine[]>([]);
  const [errors, setErrors] = useState<SourceError[]>([]);
  const [checks, setChecks] = useState<CheckRow[] | null>(null);
  const [checking, setChecking] = useState(false);
  /** How many times Check was pressed: a new round of results, even when they look the same. */
  const [checkRound, setCheckRound] = useState(0);
  /** The code the Checks panel's results belong to: an edit makes them visibly stale. */
  const [checkedCode, setCheckedCode] = useState<string | null>(null);
  /** The Run N× or Check in progress: Cancel aborts it (its workers are terminated). */
  const work = useRef<AbortController | null>(null);
  const [runProgress, setRunProgress] = useState<{ done: number; total: number } | null>(null);
  /** A line the step mode points at in the editor. */
  const [highlight, setHighlight] = useState<{ line: number; label: string } | null>(null);
  const runCounter = useRef(0);
  const runner = useMemo(() => getRunner(), []);

  // Saved 300 ms after the last change, and at once when the page leaves this lesson (or opens a
  // new link in it), so the last keystrokes are never lost.
  const unsaved = useRef<Saved | null>(null);
  useEffect(() => {
    unsaved.current = saved;
    const id = setTimeout(() => {
      storage.set(key(lesson.slug), JSON.stringify(saved));
      unsaved.current = null;
    }, 300);
    return () => clearTimeout(id);
  }, [lesson.slug, saved]);
  useEffect(
    () => () => {
      if (unsaved.current) storage.set(key(lesson.slug), JSON.stringify(unsaved.current));
    },
    [lesson.slug],
  );

  const setCode = useCallback((code: string) => setSaved((s) => ({ ...s, code })), []);
  const setThreads = useCallback(
    (threads: number) =>
      setSaved((s) => ({
        ...s,
        threads: clamp(Math.round(threads), lesson.threads.min, lesson.threads.max),
      })),
    [lesson],
  );
  const setParam = useCallback(
    (name: string, value: number) =>
      setSaved((s) => ({ ...s, params: { ...s.params, [name]: value } })),
    [],
  );

  const report = useCallback((r: RunResult, times: number, i: number) => {
    const lines: ConsoleLine[] = [];
    const errs: SourceError[] = [];
    if (r.status === 'compile-error') {
      lines.push({ kind: 'error', text: `Syntax error: ${r.message}` });
      errs.push(r.error);
    } else if (r.status === 'timeout' || r.status === 'deadlock') {
      lines.push({ kind: 'error', text: r.message });
    } else if (r.status === 'cancelled') {
      lines.push({
        kind: 'info',
        text: times > 1 ? `Cancelled after ${i} of ${times} runs. ${r.message}` : r.message,
      });
    } else {
      if (r.status === 'error') {
        lines.push({
          kind: 'error',
          text: r.thread < 0 ? r.error.message : `Thread ${r.thread}: ${describeError(r.error)}`,
        });
        errs.push(r.error);
      }
      for (const t of r.threads)
        for (const l of t.logs) lines.push({ kind: 'log', text: `[thread ${t.id}] ${l}` });
      if (r.status === 'ok' && times > 1)
        lines.push({
          kind: 'info',
          text: `Run ${i + 1} of ${times} finished in ${r.wallMs.toFixed(0)} ms.`,
        });
      else if (r.status === 'ok')
        lines.push({
          kind: 'info',
          text: `Finished in ${r.wallMs.toFixed(0)} ms on ${r.threads.length} thread${r.threads.length > 1 ? 's' : ''}.`,
        });
    }
    // Bounded here, so the page never holds (or renders) megabytes of a runaway log.
    setConsole(boundLines(lines));
    setErrors(errs);
  }, []);

  const run = useCallback(
    async (times = 1) => {
      if (running) return;
      setRunning(true);
      const controller = new AbortController();
      work.current = controller;
      try {
        for (let i = 0; i < times; i++) {
          setRunProgress(times > 1 ? { done: i, total: times } : null);
          const request = {
            source: saved.code,
            threads: saved.threads,
            params: saved.params,
            sharedCells: lesson.sharedCells,
            signal: controller.signal,
          };
          const result = await runner.run(request);
          if (result.status === 'cancelled') {
            report(result, times, i);
            break;
          }
          const record: RunRecord = {
            n: ++runCounter.current,
            threads: saved.threads,
            params: saved.params,
            code: saved.code,
            result,
          };
          setRuns((rs) => [...rs, record].slice(-MAX_HISTORY));
          report(result, times, i);
          if (result.status !== 'ok') break;
        }
      } catch (e) {
        setConsole([
          { kind: 'error', text: `The run failed: ${e instanceof Error ? e.message : String(e)}` },
        ]);
      } finally {
        // Cancel already made the page ready; a newer run may own these states by now.
        if (work.current === controller) {
          work.current = null;
          setRunning(false);
          setRunProgress(null);
        }
      }
    },
    [running, saved, lesson.sharedCells, runner, report],
  );

  const check = useCallback(async () => {
    if (checking) return;
    setChecking(true);
    setCheckRound((n) => n + 1);
    setCheckedCode(saved.code);
    const controller = new AbortController();
    work.current = controller;
    try {
      const list = await loadChecks(lesson.folder);
      setChecks(list.map((c) => ({ name: c.name, state: 'pending', message: '' })));
      const onEvent = (e: CheckEvent) => {
        // After Cancel the rows are the page's again (cancel marked them), maybe a newer Check's.
        if (e.type === 'done' || controller.signal.aborted) return;
        setChecks(
          (rows) =>
            rows?.map((row, i) =>
              i !== e.index
                ? row
                : e.type === 'cancelled'
                  ? { ...row, state: 'pending', message: 'Not decided: Check was cancelled.' }
                  : {
                      ...row,
                      state: e.type === 'start' ? 'running' : e.type,
                      message: e.type === 'start' ? '' : e.message,
                    },
            ) ?? null,
        );
      };
      const ctx: CheckContext = {
        source: saved.code,
        transport: runner.transport,
        cores: runner.cores,
        run: (req) =>
          runner.run({
            sharedCells: lesson.sharedCells,
            ...req,
            source: req.source ?? saved.code,
            signal: controller.signal,
          }),
        explore: async ({ source, ...options }) => {
          const r = await getExploreClient().explore(source ?? saved.code, {
            sharedCells: lesson.sharedCells,
            ...options,
          });
          if (!r.ok) throw new Error(`Your code does not compile: ${describeError(r.error)}`);
          return r;
        },
      };
      const tally = await runChecks(list, ctx, onEvent, controller.signal);
      if (tally.cancelled) {
        if (work.current === null)
          setConsole([{ kind: 'info', text: 'Check cancelled: the workers were stopped.' }]);
        return;
      }
      setConsole([checkSummary(tally, list.length)]);
      if (tally.failed === 0 && tally.inconclusive === 0) progress.markCompleted(lesson.slug);
    } catch (e) {
      setConsole([
        {
          kind: 'error',
          text: `Checks could not run: ${e instanceof Error ? e.message : String(e)}`,
        },
      ]);
    } finally {
      if (work.current === controller) {
        work.current = null;
        setChecking(false);
      }
    }
  }, [checking, lesson, saved.code, runner]);

  // The page is ready again in the same event as the click, however busy the machine is: the
  // aborted work's own continuation (workers terminated, rows marked) may come a moment later, and
  // the pool queues any new run behind the teardown.
  const cancel = useCallback(() => {
    const controller = work.current;
    if (!controller) return;
    work.current = null;
    controller.abort();
    setRunning(false);
    setRunProgress(null);
    setChecking(false);
    setChecks(
      (rows) =>
        rows?.map((row) =>
          row.state === 'running'
            ? { ...row, state: 'pending', message: 'Not decided: Check was cancelled.' }
            : row,
        ) ?? null,
    );
  }, []);

  const completed = useProgress().completed[lesson.slug] !== undefined;

  return {
    lesson,
    /** Every check has passed here once (kept in saved progress). */
    completed,
    restoreNotice,
    dismissRestoreNotice: useCallback(() => setRestoreNotice(null), []),
    /** The learner's own code, set aside when a shared link replaced it. */
    asideCode: aside,
    bringBackOwnCode: useCallback(() => {
      if (aside == null) return;
      setSaved((s) => ({ ...s, code: aside }));
      storage.remove(asideKey(lesson.slug));
      setAside(null);
      setConsole([{ kind: 'info', text: 'Your own code is back; the shared code is gone.' }]);
    }, [aside, lesson.slug]),
    code: saved.code,
    threads: saved.threads,
    params: saved.params,
    setCode,
    setThreads,
    setParam,
    runs,
    clearRuns: useCallback(() => setRuns([]), []),
    running,
    run,
    check,
    checking,
    checkRound,
    /** Run N× progress (runs done of total), or null. */
    runProgress,
    /** Stops the Run N× or Check in progress within a moment: its workers are terminated. */
    cancel,
    checks,
    /** The code changed since the checks ran: their results are from an earlier version. */
    checksStale: checks !== null && !checking && checkedCode !== saved.code,
    consoleLines,
    errors,
    transport: runner.transport,
    cores: runner.cores,
    highlight,
    setHighlight,
    reset: useCallback(() => {
      setSaved(defaults);
      setErrors([]);
      setChecks(null);
      setConsole([{ kind: 'info', text: 'The starter code is back.' }]);
    }, [defaults]),
    showSolution: useCallback(() => {
      setSaved((s) => ({ ...s, code: lesson.solution }));
      setErrors([]);
      setConsole([
        {
          kind: 'info',
          text: 'This is one correct answer; there are others. Press Check to see it pass.',
        },
      ]);
    }, [lesson.solution]),
  };
}

/** The console line after Check: failures first, then what could not be decided, then success. */
export function checkSummary(
  { failed, inconclusive }: CheckTally,
  total: number,
): { kind: 'success' | 'error' | 'info'; text: string } {
  if (failed > 0) {
    const also = inconclusive > 0 ? ` (${inconclusive} could not decide)` : '';
    return {
      kind: 'error',
      text: `${failed} of ${total} checks fail${also}: see the Checks panel.`,
    };
  }
  if (inconclusive > 0) {
    return {
      kind: 'info',
      text:
        `No check fails, but ${inconclusive} of ${total} could not decide: ` +
        'the Checks panel says why. Press Check again when the reason is gone.',
    };
  }
  return { kind: 'success', text: `All ${total} checks pass. Well done!` };
}

export type LessonSession = ReturnType<typeof useLessonSession>;
