/**
 * The lesson's evidence from Explore, as verdicts (pure: the checks and the Node tests share it).
 * The checks explore a harness appended to the learner's module, which calls their own `lock` and
 * `unlock`, so the verdict is about the lock whatever the default export became.
 */
import type { ExploreOptions, ExploreResult, FoundViolation } from '../../workers/explore/api.ts';
import { fail, inconclusive, pass, type CheckOutcome } from '../check-api.ts';
import { countText } from '../evidence.ts';

/** The same steps as the starter's default export: lock, a plain ++ inside the section, unlock. */
export const ROUNDS = '__sleepRounds';
/** Thread 0 takes the lock and ends holding it; thread 1 then asks for it and must go to sleep. */
export const HELD = '__sleepHeld';

export const HARNESS = `
export function ${ROUNDS}(t: Thread) {
  for (let i = 0; i < t.params.increments; i++) {
    lock(t.shared);
    t.enter();
    t.shared[0]++;
    t.leave();
    unlock(t.shared);
  }
}
export function ${HELD}(t: Thread) {
  if (t.id === 0) {
    lock(t.shared);
    t.barrier();
  } else {
    t.barrier();
    lock(t.shared);
  }
}
`;

export const withHarness = (source: string) => `${source}\n${HARNESS}`;

/** One explored instance: `maxPreemptions` bounds the 3-thread search so it costs the same on any machine. */
export interface Instance {
  threads: number;
  rounds: number;
  maxPreemptions?: number;
}

/** Small enough for a few seconds on a busy machine, large enough for the lost wake-ups we know of. */
export const INSTANCES: Instance[] = [
  { threads: 2, rounds: 2 },
  { threads: 3, rounds: 1, maxPreemptions: 3 },
  { threads: 3, rounds: 2, maxPreemptions: 2 },
];

/** Time-outs never fire: a lock that needs one to finish has a lost wake-up, and it shows. */
export const optionsFor = (i: Instance): ExploreOptions => ({
  threads: i.threads,
  params: { increments: i.rounds },
  entry: ROUNDS,
  reduction: 'por',
  timeoutsNeverFire: true,
  maxPreemptions: i.maxPreemptions,
  // Under a second each on a quiet machine; the clock only stops a machine that is far too busy.
  maxMs: 8000,
});

export const instanceText = (i: Instance) =>
  `${i.threads} threads × ${i.rounds} lock ${i.rounds === 1 ? 'round' : 'rounds'}`;

const scheduleText = (s: number[]) => s.map((t) => `T${t}`).join(' ');

/** What was explored, honestly: everything, or everything up to a preemption bound. */
function scope(i: Instance, r: ExploreResult): string {
  const n = countText(r.stats.schedules, r.unit);
  return i.maxPreemptions === undefined
    ? `every schedule of ${instanceText(i)} (${n})`
    : `every schedule of ${instanceText(i)} with up to ${i.maxPreemptions} preemptions (${n})`;
}

/** Finished, or stopped on the preemption bound it was given (not on its clock or budget). */
export const searched = (i: Instance, r: ExploreResult) =>
  r.complete || (i.maxPreemptions !== undefined && r.stats.preemptionBound >= i.maxPreemptions);

/** A search that stopped on its clock (not on the bound it was given) decided nothing. */
function unfinished(i: Instance, r: ExploreResult): CheckOutcome | null {
  if (searched(i, r)) return null;
  return inconclusive(
    `Explore did not finish ${instanceText(i)} (${r.stopReason ?? 'budget reached'}) and found ` +
      'nothing wrong in what it explored. The machine may be busy: press Check again.',
  );
}

/** A thread threw, or an execution never ended: no property can be judged on that code. */
export function brokenRun(i: Instance, r: ExploreResult): CheckOutcome | null {
  if (r.error) {
    return fail(
      `Exploring ${instanceText(i)}: thread ${r.error.thread}${r.error.line ? ` (line ${r.error.line})` : ''} ` +
        `did not finish: ${r.error.message}`,
    );
  }
  const thrown = r.violations.find((v) => v.kind === 'error' || v.kind === 'assert');
  if (thrown && (thrown.kind === 'error' || thrown.kind === 'assert')) {
    const missing = /\b(un)?lock is not (defined|a function)/.test(thrown.message)
      ? ' Keep your functions named `lock(s)` and `unlock(s)`: the checks and the panel call them.'
      : '';
    return fail(
      `Exploring ${instanceText(i)}: thread ${thrown.thread} threw${thrown.line ? ` on line ${thrown.line}` : ''}: ` +
        `${thrown.message}.${missing}`,
    );
  }
  return null;
}

type Explored = { instance: Instance; result: ExploreResult };

const first = <K extends FoundViolation['kind']>(r: ExploreResult, kind: K) =>
  r.violations.find((v): v is Extract<FoundViolation, { kind: K }> => v.kind === kind);

/** Only one thread inside the critical section, in every explored schedule. */
export function judgeExclusion(all: Explored[]): CheckOutcome {
  const done: string[] = [];
  for (const { instance: i, result: r } of all) {
    const broken = brokenRun(i, r);
    if (broken) return broken;
    const v = first(r, 'mutual-exclusion');
    if (v) {
      return fail(
        `Explore found two threads inside the critical section at once (threads ${v.threads.join(' and ')}, ` +
          `${instanceText(i)}): ${scheduleText(v.schedule)}. Step through that schedule: which ` +
          'thread thought the lock was free, and why?',
      );
    }
    const cut = unfinished(i, r);
    if (cut) return cut;
    done.push(scope(i, r));
  }
  return pass(`Only one thread at a time in ${done.join('; ')}.`);
}

/** Every schedule that finishes ends at threads × rounds; no plain access races. */
export function judgeCounter(all: Explored[]): CheckOutcome {
  const done: string[] = [];
  for (const { instance: i, result: r } of all) {
    const broken = brokenRun(i, r);
    if (broken) return broken;
    const expected = i.threads * i.rounds;
    // A schedule in which a thread sleeps forever never finishes its rounds: the next check's business.
    const wrong = r.outcomes.find(
      (o) => !o.violations.some((v) => v.kind === 'deadlock') && o.memory[0] !== expected,
    );
    if (wrong) {
      return fail(
        `Explore found a schedule of ${instanceText(i)} that ends with the counter at ${wrong.memory[0]}, ` +
          `not ${expected}: ${scheduleText(wrong.example)}. An update was lost: two threads did their ` +
          '++ at the same time.',
      );
    }
    const race = r.dataRaces[0];
    if (race) {
      return fail(
        `Data race on t.shared[${race.cell}]: lines ${race.lines[0]} and ${race.lines[1]} are not ordered ` +
          'by your lock. Real processors can reorder such accesses; the lock must order them.',
      );
    }
    const cut = unfinished(i, r);
    if (cut) return cut;
    done.push(scope(i, r));
  }
  return pass(`The counter is exact in ${done.join('; ')}.`);
}

/** No thread sleeps forever: with time-outs switched off, no schedule ends with a thread asleep. */
export function judgeWakeups(all: Explored[]): CheckOutcome {
  const done: string[] = [];
  for (const { instance: i, result: r } of all) {
    const broken = brokenRun(i, r);
    if (broken) return broken;
    const v = first(r, 'deadlock');
    if (v) {
      const sleepers = v.waits.filter((w) => w.on.kind === 'wait');
      const timed = sleepers.some((w) => w.on.kind === 'wait' && w.on.timed);
      const who =
        sleepers.length > 0
          ? `thread${sleepers.length > 1 ? 's' : ''} ${sleepers.map((w) => w.thread).join(' and ')} ` +
            `${sleepers.length > 1 ? 'sleep' : 'sleeps'} in Atomics.wait (line ${sleepers[0].line}) and nobody will ever notify ${sleepers.length > 1 ? 'them' : 'it'}`
          : v.waits.map((w) => `thread ${w.thread} ${w.text}`).join('; ');
      return fail(
        `Lost wake-up: in a schedule of ${instanceText(i)}, ${who}. Schedule: ${scheduleText(v.schedule)}. ` +
          (timed
            ? 'Your wait has a time-out. On a real machine the time-out wakes the sleeper, late, so the ' +
              'program seems to work: the time-out hides the lost wake-up, it does not fix it. Explore ' +
              'switches time-outs off to find this. '
            : '') +
          'Step through the schedule and watch the lock word: what does unlock() see, and whom does it wake?',
      );
    }
    const cut = unfinished(i, r);
    if (cut) return cut;
    done.push(scope(i, r));
  }
  return pass(`No thread sleeps forever in ${done.join('; ')} (time-outs switched off).`);
}

/** While another thread holds the lock, a thread that asks for it must end up asleep in Atomics.wait. */
export function judgeSleeps(r: ExploreResult): CheckOutcome {
  if (r.error) {
    return fail(
      `While thread 0 holds the lock, thread 1 keeps running and never stops (${r.error.message}). ` +
        'It spins: let it sleep with Atomics.wait until unlock() notifies it.',
    );
  }
  const thrown = r.violations.find((v) => v.kind === 'error' || v.kind === 'assert');
  if (thrown && (thrown.kind === 'error' || thrown.kind === 'assert'))
    return fail(`Thread ${thrown.thread} threw: ${thrown.message}.`);
  const ends = r.violations.filter((v) => v.kind === 'deadlock');
  for (const v of ends) {
    const w = v.waits.find((x) => x.thread === 1);
    if (!w) continue;
    if (w.on.kind === 'spin')
      return fail(
        'While thread 0 holds the lock, thread 1 spins: it re-reads the lock word in a loop, burning a ' +
          'core. Let it sleep with Atomics.wait(s, LOCK, 2) instead.',
      );
    if (w.on.kind === 'lock')
      return fail(
        'Thread 1 waits in t.lock(), the runtime’s own mutex. Build yours from Atomics.wait and Atomics.notify.',
      );
  }
  const asleep = ends.some((v) => v.waits.some((x) => x.thread === 1 && x.on.kind === 'wait'));
  if (!asleep)
    return fail(
      'Thread 0 takes the lock and never releases it; thread 1 then asks for it, and Explore expected it ' +
        'to end asleep in Atomics.wait. It did not.',
    );
  return pass(
    'While thread 0 holds the lock, thread 1 sleeps in Atomics.wait instead of spinning ' +
      `(Explore: ${countText(r.stats.schedules, r.unit)}).`,
  );
}
