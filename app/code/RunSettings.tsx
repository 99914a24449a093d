import { useId } from 'react';
import type { LessonSession } from '../lesson/useLessonSession.ts';
import type { ParamSpec } from '../../lessons/format.ts';

/** Threads and the lesson's numeric parameters: sliders with their number beside them. */
export function RunSettings({ session }: { session: LessonSession }) {
  const { lesson } = session;
  return (
    <fieldset className="settings" disabled={session.running}>
      <legend className="visually-hidden">Run settings</legend>
      {lesson.threads.min === lesson.threads.max ? (
        // A lesson fixed to one thread count (Peterson's lock is for two): a slider that cannot
        // move would only be a keyboard stop that does nothing.
        <p className="slider fixed-threads">
          <span>Threads</span> <output>{lesson.threads.min}</output>
        </p>
      ) : (
        <Slider
          label="Threads"
          spec={{
            name: 'threads',
            label: 'Threads',
            min: lesson.threads.min,
            max: lesson.threads.max,
            default: lesson.threads.default,
          }}
          value={session.threads}
          onChange={session.setThreads}
          note={
            session.threads > session.cores
              ? `more than the ${session.cores} cores reported`
              : undefined
          }
        />
      )}
      {lesson.params.map((p) => (
        <Slider
          key={p.name}
          label={p.label}
          spec={p}
          value={session.params[p.name]}
          onChange={(v) => session.setParam(p.name, v)}
        />
      ))}
    </fieldset>
  );
}

function Slider({
  label,
  spec,
  value,
  onChange,
  note,
}: {
  label: string;
  spec: ParamSpec;
  value: number;
  onChange(v: number): void;
  note?: string;
}) {
  const id = useId();
  // Log sliders map 0…1000 to min…max geometrically, rounded to 1–2 significant digits.
  const toSlider = (v: number) =>
    spec.log ? Math.round((1000 * Math.log(v / spec.min)) / Math.log(spec.max / spec.min)) : v;
  const fromSlider = (s: number) =>
    spec.log ? niceRound(spec.min * Math.pow(spec.max / spec.min, s / 1000)) : s;
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={spec.log ? 0 : spec.min}
        max={spec.log ? 1000 : spec.max}
        step={spec.log ? 1 : (spec.step ?? 1)}
        value={toSlider(value)}
        aria-valuetext={`${value.toLocaleString('en')}${note ? `, ${note}` : ''}`}
        onChange={(e) => onChange(fromSlider(Number(e.target.value)))}
      />
      <output htmlFor={id}>{value.toLocaleString('en')}</output>
      {note && <span className="slider-note">⚠ {note}</span>}
    </div>
  );
}

function niceRound(v: number): number {
  if (v < 10) return Math.round(v);
  const p = Math.pow(10, Math.floor(Math.log10(v)) - 1);
  return Math.round(v / p) * p;
}
