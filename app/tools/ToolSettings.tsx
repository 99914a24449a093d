import { useState } from 'react';
import type { LessonContent } from '../../lessons/format.ts';
import type { LessonSession } from '../lesson/useLessonSession.ts';
import type { StepSettings } from './useStepSession.ts';

export interface ToolSettingsState {
  value: StepSettings;
  own: boolean;
  threads: { min: number; max: number };
  params: LessonContent['params'];
  setThreads(n: number): void;
  setParam(name: string, v: number): void;
}

/**
 * Step and Explore use small numbers: the lesson's `explore` block when it has one (its own
 * settings), otherwise the lesson's run settings.
 */
export function useToolSettings(lesson: LessonContent, session: LessonSession): ToolSettingsState {
  const spec = lesson.explore;
  const [threads, setThreads] = useState(spec?.threads.default ?? 2);
  const [params, setParams] = useState<Record<string, number>>(() =>
    Object.fromEntries((spec?.params ?? []).map((p) => [p.name, p.default])),
  );
  if (!spec) {
    return {
      value: { threads: session.threads, params: session.params, sharedCells: lesson.sharedCells },
      own: false,
      threads: lesson.threads,
      params: lesson.params,
      setThreads: session.setThreads,
      setParam: session.setParam,
    };
  }
  return {
    value: { threads, params: { ...session.params, ...params }, sharedCells: lesson.sharedCells },
    own: true,
    threads: spec.threads,
    params: spec.params,
    setThreads,
    setParam: (name, v) => setParams((p) => ({ ...p, [name]: v })),
  };
}

/**
 * Small number pickers for the scheduler tools (each value is one click away, no slider). Shown only
 * when the lesson gives Step and Explore sizes of their own; otherwise the controls beside the code
 * are the one set of settings, and a second copy would only disagree.
 */
export function ToolSettings({ settings }: { settings: ToolSettingsState }) {
  if (!settings.own) {
    return (
      <p className="tool-settings-note muted small">
        Step and Explore use the threads and sizes set beside your code.
      </p>
    );
  }
  const rows = [
    {
      name: 'threads',
      label: 'Threads',
      min: settings.threads.min,
      max: Math.min(settings.threads.max, 4),
      value: settings.value.threads,
      set: settings.setThreads,
    },
    ...settings.params.map((p) => ({
      name: p.name,
      label: p.label,
      min: p.min,
      max: Math.min(p.max, 4),
      value: settings.value.params[p.name],
      set: (v: number) => settings.setParam(p.name, v),
    })),
  ];
  return (
    <div className="tool-settings">
      <p className="tool-settings-note muted small">
        Step and Explore have their own, small sizes: you schedule every step by hand, and Explore
        tries every order, so a million increments is out of reach. Run uses the settings beside
        your code.
      </p>
      {rows.map((r) => (
        <fieldset key={r.name} className="segmented">
          <legend>{r.label}</legend>
          {Array.from({ length: r.max - r.min + 1 }, (_, i) => r.min + i).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name={`tool-${r.name}`}
                checked={r.value === v}
                onChange={() => r.set(v)}
              />
              <span>{v}</span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
