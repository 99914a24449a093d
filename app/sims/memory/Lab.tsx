import { useEffect, useMemo, useRef, useState } from 'react';
import { runLitmus } from '../../../workers/litmus/run.ts';
import { LITMUS_TESTS } from '../../../workers/litmus/tests.ts';
import { canShareMemory } from '../../../workers/runtime/env.ts';
import { Progress, useJob } from '../../components/useJob.tsx';
import { replaceQuery, useRoute } from '../../lib/route.ts';
import { applyMask, settingsText, testById, uniformMask, type TestId } from './lab-model.ts';
import { thisArchitecture, thisMachine } from './machine.ts';
import { Outcomes } from './Outcomes.tsx';
import { decodeResult, type SharedResult } from './result-share.ts';
import { LINK_KEY, machineText, ShareButtons, SharedView } from './Share.tsx';
import { TestPicker } from './TestPicker.tsx';
import { ThreadColumns } from './ThreadColumns.tsx';

export const ROUND_CHOICES = [100_000, 1_000_000, 10_000_000];
const fmt = (n: number) => Math.round(n).toLocaleString('en');

type LabResult = SharedResult & { roundsAsked: number; stoppedEarly: boolean };

const allPlain = () =>
  Object.fromEntries(LITMUS_TESTS.map((t) => [t.id, uniformMask(t, false)])) as Record<
    TestId,
    boolean[]
  >;

/**
 * The litmus lab: pick a test, choose which accesses are Atomics, run it for many rounds on real
 * workers, and read the outcomes' counts with what each means. Nothing runs until Start is pressed.
 */
export function Lab({ slug }: { slug: string }) {
  const [testId, setTestId] = useState<TestId>('SB');
  const [masks, setMasks] = useState(allPlain);
  const [rounds, setRounds] = useState(1_000_000);
  const job = useJob<LabResult>();
  const route = useRoute();
  const link = route.query.get(LINK_KEY);
  // replaceState fires no hashchange, so a closed link is remembered here rather than re-read.
  const [closed, setClosed] = useState<string | null>(null);
  const decoded = useMemo(
    () => (link === null || link === closed ? null : decodeResult(link)),
    [link, closed],
  );
  const shared = canShareMemory();
  const [arch, setArch] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void thisArchitecture().then((a) => live && setArch(a));
    return () => {
      live = false;
    };
  }, []);
  const machine = useMemo(() => ({ ...thisMachine(), arch }), [arch]);
  // Leaving the lesson stops the workers (a 10,000,000-round run would go on for a minute).
  useEffect(() => job.cancel, [job.cancel]);

  const mask = masks[testId];
  const test = applyMask(testById(testId)!, mask);
  const result = job.result;
  const stale =
    result !== null &&
    (result.test !== testId ||
      result.roundsAsked !== rounds ||
      result.atomic.some((a, i) => a !== mask[i]));

  // Seconds left, beside the progress bar (IRIW's 4 threads on 2 cores are slow).
  const [left, setLeft] = useState<number | null>(null);
  const setMask = (next: boolean[]) => setMasks((m) => ({ ...m, [testId]: next }));
  // "Stop and count": ends a long run early and keeps the rounds counted so far (Cancel, and
  // leaving the lesson, discard them).
  const stopRef = useRef<AbortController | null>(null);
  const start = () => {
    const asked = rounds;
    const atomic = [...mask];
    setLeft(null);
    const t0 = performance.now();
    const stop = new AbortController();
    stopRef.current = stop;
    void job.run(async (signal, onProgress) => {
      const r = await runLitmus(test, {
        rounds: asked,
        // More threads than cores (IRIW on 2 cores) runs ~1,000 rounds/s here: small batches keep
        // the progress bar moving.
        batch: test.threads.length > (machine.cores ?? 0) ? 1_000 : undefined,
        signal: AbortSignal.any([signal, stop.signal]),
        onProgress: (done, total) => {
          onProgress({ done, total });
          // Guessed once a tenth is done: earlier guesses are noise.
          const p = done / total;
          if (p >= 0.1) setLeft((((performance.now() - t0) / 1000) * (1 - p)) / p);
        },
      });
      return {
        version: 1,
        test: test.id,
        atomic,
        rounds: r.rounds,
        counts: Object.fromEntries(r.counts),
        ...machine,
        roundsPerSecond: r.roundsPerSecond,
        date: new Date().toISOString(),
        roundsAsked: asked,
        stoppedEarly: r.rounds < asked,
      };
    });
  };
  const load = (r: SharedResult) => {
    setTestId(r.test);
    setMasks((m) => ({ ...m, [r.test]: [...r.atomic] }));
    if (ROUND_CHOICES.includes(r.rounds)) setRounds(r.rounds);
  };

  return (
    <div className="litmus-lab">
      <div className="panel-head">
        <h2>Litmus lab</h2>
        <p className="panel-sub">
          Tiny programs run millions of times on your own cores, counting every outcome. Your
          machine: {machineText(machine)}.
        </p>
      </div>
      {decoded && (
        <SharedView
          decoded={decoded}
          own={result}
          onLoad={load}
          onClose={() => {
            setClosed(link);
            replaceQuery(slug, {});
          }}
        />
      )}
      {!shared && (
        <p className="console-line error" data-testid="litmus-unavailable">
          <span aria-hidden="true">○ </span>The lab needs real threads over shared memory, and this
          page is not cross-origin isolated, so it cannot run here. Open the playground in its own
          tab (or reload once) for real threads. A shared result can still be read.
        </p>
      )}
      <TestPicker value={testId} onChange={setTestId} />
      <ThreadColumns
        test={test}
        disabled={job.running}
        onToggle={(i) => setMask(mask.map((a, j) => (j === i ? !a : a)))}
        onAll={(atomic) => setMask(mask.map(() => atomic))}
      />
      {shared && test.threads.length > (machine.cores ?? 0) && (
        <p className="panel-sub" data-testid="litmus-cores-note">
          {test.id} runs {test.threads.length} threads and this browser reports{' '}
          {machine.cores ?? 'no'} cores: the threads take turns, so rounds are slow and weak
          outcomes rare.
        </p>
      )}
      {shared && (
        <div className="toolbar litmus-run">
          <label className="inline-select">
            Rounds{' '}
            <select
              value={rounds}
              disabled={job.running}
              onChange={(e) => setRounds(Number(e.target.value))}
            >
              {ROUND_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {fmt(n)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" onClick={start} disabled={job.running}>
            {job.running ? 'Running rounds…' : '▶ Start litmus test'}
          </button>
        </div>
      )}
      <Progress value={job.progress} label="Litmus rounds done" onCancel={job.cancel} />
      {job.running && (job.progress ?? 0) > 0 && (
        <p className="toolbar">
          <button type="button" onClick={() => stopRef.current?.abort()}>
            ■ Stop and count
          </button>{' '}
          <span className="panel-sub">keeps the rounds done so far; Cancel discards them.</span>
        </p>
      )}
      {job.running && left !== null && left > 0 && (
        <p className="panel-sub">
          About {left < 60 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left.
        </p>
      )}
      {job.error && (
        <p className="console-line error" data-testid="litmus-error">
          <span aria-hidden="true">✗ </span>The run failed: {job.error}
        </p>
      )}
      {result ? (
        <section
          className="litmus-result"
          aria-labelledby="own-title"
          data-testid="own-result"
          data-stale={stale}
          data-date={result.date}
        >
          <h3 id="own-title">Your result</h3>
          {stale && (
            <p className="stale-note" data-testid="litmus-stale">
              For the previous settings ({result.test} with {settingsText(result)},{' '}
              {fmt(result.roundsAsked)} rounds). Press Start to see these.
            </p>
          )}
          <p className="panel-sub" data-testid="own-machine">
            {result.test} with {settingsText(result)}: {fmt(result.rounds)} rounds on{' '}
            {machineText(result)}, {fmt(result.roundsPerSecond)} rounds/s.
            {result.stoppedEarly &&
              ` Stopped early: ${fmt(result.rounds)} of the ${fmt(result.roundsAsked)} rounds asked for.`}
          </p>
          <Outcomes result={result} subject="Your processor" id="own" />
          <ShareButtons result={result} slug={slug} />
        </section>
      ) : (
        shared &&
        !job.running && (
          <p className="empty">
            Press Start. Predict first: which of {test.id}&apos;s outcomes will show on your
            machine, and which never can?
          </p>
        )
      )}
    </div>
  );
}
