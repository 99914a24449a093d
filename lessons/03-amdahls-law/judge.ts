/**
 * Verdicts for the Amdahl lesson's timing checks, from times measured inside one check (pure, so
 * they are unit-tested over quiet, busy and noisy machines).
 *
 * Every verdict compares the learner's code with a reference run on the same workers in the same
 * rounds (a plain parallel loop: each thread sums its slice alone and combines once), never with a
 * fixed number: a busy machine slows both alike. When the reference itself did not scale, the
 * machine, not the code, decided the result, and the verdict is inconclusive.
 */
import { fail, inconclusive, pass, type CheckOutcome } from '../check-api.ts';

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The machine delivered a second core when a plain parallel loop (no shared bottleneck) got at
 * least this speedup on 2 threads in most rounds; 2 idle cores give it 1.8–2.0.
 */
export const MIN_REFERENCE_SPEEDUP = 1.5;

const ms = (x: number) => `${x.toFixed(0)} ms`;
const x2 = (x: number) => `${x.toFixed(2)}×`;

/** Times (ms) of repeated rounds on 1 and 2 threads, of the learner's code and the reference. */
export interface ScalingSamples {
  mine1: number[];
  mine2: number[];
  ref1: number[];
  ref2: number[];
}

/** Paired ratio: each round's a over the same round's b, median over rounds. */
const pairedRatio = (a: number[], b: number[]) => median(a.map((t, i) => t / b[i]));

/**
 * "Adding a thread helps": the learner's 2-over-1 speedup against the reference's, measured in the
 * same rounds. Another program only ever adds time to a run, so a code's fastest runs are the
 * nearest to what the code itself costs: `best` speedups compare fastest runs, capped at 2 (two
 * threads cannot be more than twice as fast; more is a slowed 1-thread run, not a finding).
 * `typical` is the reference's fastest 1-thread run over its median 2-thread run: whether the
 * machine gave a second core most of the time, not just once (a paired per-round ratio would not
 * do: on a loaded machine the 1-thread runs slow down too and the ratio looks like a speedup).
 *
 * - pass (at any round): the reference found a second core at least once, the learner's best
 *   speedup reached 80 % of the reference's (and at least 1.3), and on 2 threads the learner's
 *   code is not several times slower than the reference (the starter is, busy machine or not).
 * - fail: the reference typically scaled and the learner's best speedup stayed under 70 % of that,
 *   on `final` samples (after every round), or from 6 rounds on when the learner's code is also
 *   three times as slow as the reference on 2 threads in most rounds. The solution (the reference's
 *   structure) would have to miss every quiet moment while the reference found one in most.
 * - otherwise inconclusive (on `final` samples), with the numbers and what to do.
 *
 * Returns null when the samples are not final and do not pass yet: measure another round.
 */
export function judgeScaling(
  s: ScalingSamples,
  cores: number,
  final: boolean,
): CheckOutcome | null {
  const best = (one: number[], two: number[]) => Math.min(2, Math.min(...one) / Math.min(...two));
  const mine = best(s.mine1, s.mine2);
  const ref = best(s.ref1, s.ref2);
  const typical = Math.min(...s.ref1) / median(s.ref2);
  const slower = pairedRatio(s.mine2, s.ref2);
  const numbers = `Your code: 1 thread ${ms(Math.min(...s.mine1))}, 2 threads ${ms(Math.min(...s.mine2))}, speedup ${x2(mine)}. A plain parallel loop on the same workers: ${x2(ref)} (fastest of ${s.mine1.length} runs each).`;
  if (ref >= 1.4 && mine >= Math.max(1.3, 0.8 * ref) && slower < 1.5) return pass(numbers);
  // Code that on 2 threads is several times slower than the plain loop (the starter is 4–10×; a
  // held core makes 2 threads at most about twice as slow) and never scaled: enough evidence
  // after 6 rounds. Anything else waits for the last round.
  const clearlyNot = slower >= 3 && s.mine1.length >= 6;
  // A machine that gave the plain loop no second core in most of 6 rounds will not start to now:
  // say so rather than keep the learner waiting.
  const hopeless = typical < 1.2 && s.mine1.length >= 6;
  if (!final && !clearlyNot && !hopeless) return null;
  if (typical < MIN_REFERENCE_SPEEDUP) {
    if (!final && !hopeless) return null;
    return inconclusive(
      `Your computer is busy: a plain parallel loop reached only ${x2(typical)} on 2 of your ${cores} cores just now (typically ${ms(median(s.ref2))} on 2 threads against ${ms(Math.min(...s.ref1))} on 1; idle cores give about 2×), so this check cannot tell what your code does. ${numbers} Close other tabs and programs, then check again.`,
    );
  }
  if (mine < 0.7 * Math.min(2, typical)) {
    return fail(
      `${numbers} In a typical round the machine gave the plain loop ${x2(typical)}; your code never got near it. With a shared bottleneck, a second core barely helps (Amdahl). Shrink the shared part.`,
    );
  }
  if (!final) return null;
  return inconclusive(
    `Too close to call: ${numbers} The machine's load changed during the check. Close other tabs and programs, then check again.`,
  );
}

export interface StarterSamples {
  /** Times (ms) on 2 threads, one of each per round. */
  mine: number[];
  ref: number[];
  starter: number[];
}

/**
 * "On 2 threads your code runs like a plain parallel loop, not like the starter": where the
 * learner's time on 2 threads sits between the reference's and the starter's, on a log scale
 * (0 = like the reference, 1 = like the starter), from each round's own ratios. All three share
 * the machine's state round by round, so a busy core moves them together and the position holds;
 * the starter does one shared `Atomics.add` per element and stays several times slower than the
 * reference on any machine.
 *
 * Decides early when clearly like the reference (position < 0.3, from the first rounds) or like
 * the starter (> 0.8, from 6 rounds); at the middle (0.5) only on `final` samples. Returns null to
 * ask for another round.
 */
export function judgeAgainstStarter(s: StarterSamples, final: boolean): CheckOutcome | null {
  const mineOverRef = pairedRatio(s.mine, s.ref);
  const starterOverRef = pairedRatio(s.starter, s.ref);
  const numbers = `2 threads: your code ${ms(median(s.mine))}, a plain parallel loop ${ms(median(s.ref))}, the shared-accumulator starter ${ms(median(s.starter))} (medians of ${s.mine.length} rounds).`;
  const position =
    starterOverRef > 1 ? Math.log(Math.max(mineOverRef, 1e-9)) / Math.log(starterOverRef) : NaN;
  const passed = () =>
    pass(`${numbers} Yours is ${x2(median(s.starter) / median(s.mine))} the starter's speed.`);
  if (starterOverRef >= 1.5 && position < 0.3) return passed();
  // Clearly like the starter from 6 rounds on (a held core cannot make a plain loop that slow).
  if (!final && !(starterOverRef >= 1.5 && position > 0.8 && s.mine.length >= 6)) return null;
  if (starterOverRef < 1.5) {
    return inconclusive(
      `The starter ran nearly as fast as a plain parallel loop (${x2(starterOverRef)} its time), so this check cannot tell them apart. ${numbers} Close other tabs and programs, then check again.`,
    );
  }
  if (position < 0.5) return passed();
  return fail(
    `${numbers} Yours takes ${x2(mineOverRef)} as long as the plain loop: closer to the starter. Keep a per-thread partial sum and add it to the shared total once.`,
  );
}
