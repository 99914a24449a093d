import { LITMUS_TESTS } from '../../../workers/litmus/tests.ts';
import type { TestId } from './lab-model.ts';

/** The five litmus tests as a radio group, with the chosen test's summary below. */
export function TestPicker({ value, onChange }: { value: TestId; onChange(id: TestId): void }) {
  const chosen = LITMUS_TESTS.find((t) => t.id === value)!;
  return (
    <fieldset className="litmus-picker">
      <legend>Litmus test</legend>
      <div className="litmus-picker-options">
        {LITMUS_TESTS.map((t) => (
          <label key={t.id} title={t.name}>
            <input
              type="radio"
              name="litmus-test"
              value={t.id}
              checked={t.id === value}
              onChange={() => onChange(t.id)}
            />{' '}
            <abbr title={t.name}>{t.id}</abbr>
            <span className="visually-hidden"> ({t.name})</span>
          </label>
        ))}
      </div>
      <p className="litmus-summary" data-testid="litmus-summary">
        <strong>{chosen.name}.</strong> {chosen.summary}
      </p>
    </fieldset>
  );
}
