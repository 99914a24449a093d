import type { LitmusTest, Op } from '../../../workers/litmus/tests.ts';

/** An access as the code a thread runs: `x = 1;` or `Atomics.store(m, x, 1);`. */
export function accessText(op: Op): string {
  if (op.kind === 'store')
    return op.atomic ? `Atomics.store(m, ${op.loc}, ${op.value});` : `${op.loc} = ${op.value};`;
  return op.atomic ? `${op.reg} = Atomics.load(m, ${op.loc});` : `${op.reg} = ${op.loc};`;
}

/**
 * The test's threads side by side as code, one "Atomics" checkbox per access. `test` already has
 * the mask applied; toggling access i (thread order, then program order) calls onToggle(i).
 */
export function ThreadColumns({
  test,
  disabled,
  onToggle,
  onAll,
}: {
  test: LitmusTest;
  disabled: boolean;
  onToggle(index: number): void;
  onAll(atomic: boolean): void;
}) {
  let i = 0;
  return (
    <div className="litmus-code">
      <div className="litmus-threads" data-testid="litmus-threads">
        {test.threads.map((ops, t) => (
          <div className="litmus-thread" key={t}>
            <h3>Thread {t}</h3>
            <ol>
              {ops.map((op) => {
                const index = i++;
                const code = accessText(op);
                return (
                  <li key={index} className={op.atomic ? 'atomic' : 'plain'}>
                    <code>{code}</code>
                    <label>
                      <input
                        type="checkbox"
                        checked={op.atomic}
                        disabled={disabled}
                        onChange={() => onToggle(index)}
                        aria-label={`Atomics for thread ${t}, ${op.kind} ${op.kind === 'load' ? `${op.reg} from ${op.loc}` : `to ${op.loc}`}`}
                      />{' '}
                      Atomics
                    </label>
                  </li>
                );
              })}
            </ol>
          </div>
        ))}
      </div>
      <p className="litmus-all">
        <button type="button" onClick={() => onAll(false)} disabled={disabled}>
          All plain
        </button>{' '}
        <button type="button" onClick={() => onAll(true)} disabled={disabled}>
          All Atomics
        </button>{' '}
        <span className="panel-sub">
          Every cell starts at 0. Each round uses fresh cells, and the threads start together.
        </span>
      </p>
    </div>
  );
}
