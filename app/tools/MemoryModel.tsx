import type { MemoryModel, ThreadView } from '../../workers/explore/api.ts';

/**
 * Which memory Step and Explore simulate: one choice for both tools, so a schedule Explore found
 * opens in Step under the model that produced it.
 */
export function MemoryModelPicker({
  value,
  onChange,
}: {
  value: MemoryModel;
  onChange(m: MemoryModel): void;
}) {
  return (
    <div className="memory-model-picker">
      <fieldset className="radio-row">
        <legend>Memory model:</legend>
        <label>
          <input
            type="radio"
            name="memory-model"
            checked={value === 'sc'}
            onChange={() => onChange('sc')}
          />{' '}
          sequentially consistent
        </label>
        <label>
          <input
            type="radio"
            name="memory-model"
            checked={value === 'tso'}
            onChange={() => onChange('tso')}
          />{' '}
          x86-TSO store buffers
        </label>
      </fieldset>
      {value === 'tso' && <TsoNote />}
    </div>
  );
}

/** What the store-buffer mode models, and what it does not (said wherever it is on). */
export function TsoNote() {
  return (
    <p className="panel-sub" data-testid="tso-note">
      Store buffers: a plain store waits in its thread&apos;s buffer (the thread itself reads it
      there) and reaches memory at a later <em>flush</em> step, oldest first. Atomics operations,
      locks and barriers flush the buffer first. This is x86; ARM and the JavaScript memory model
      allow even more outcomes than TSO (loads and stores reordered too), so code that is correct
      here may still fail there: use Atomics for shared flags.
    </p>
  );
}

/** A thread's store buffer in Step mode: its stores, oldest first, and a button to flush one. */
export function StoreBufferView({
  thread,
  canFlush,
  busy,
  onFlush,
}: {
  thread: ThreadView;
  canFlush: boolean;
  busy: boolean;
  onFlush(): void;
}) {
  const b = thread.buffer;
  return (
    <div className="store-buffer" data-testid={`store-buffer-${thread.id}`}>
      <span className="muted">Store buffer of T{thread.id}:</span>{' '}
      {b.length === 0 ? (
        <span>empty</span>
      ) : (
        <ol aria-label={`Store buffer of T${thread.id}, oldest first`}>
          {b.map((e, i) => (
            <li key={i}>
              <code>
                shared[{e.index}] = {e.value}
              </code>
              {i === 0 && <span className="muted"> (oldest)</span>}
            </li>
          ))}
        </ol>
      )}{' '}
      {b.length > 0 && (
        <button type="button" onClick={onFlush} disabled={!canFlush || busy}>
          Flush T{thread.id}
        </button>
      )}
    </div>
  );
}
