import { useState } from 'react';
import { hrefFor } from '../../lib/route.ts';
import { Outcomes } from './Outcomes.tsx';
import { rateText, settingsText } from './lab-model.ts';
import { encodeResult, resultJson, type ResultDecode, type SharedResult } from './result-share.ts';

export const LINK_KEY = 'litmus';
const fmt = (n: number) => Math.round(n).toLocaleString('en');

export const machineText = (r: Pick<SharedResult, 'cores' | 'browser' | 'arch'>) =>
  `${r.cores === null ? 'an unknown number of' : fmt(r.cores)} ${r.cores === 1 ? 'core' : 'cores'}${r.arch ? ` (${r.arch})` : ''}, ${r.browser}`;

/** "Copy JSON" and "Copy link" for the learner's result; where the clipboard is refused, a box to copy from. */
export function ShareButtons({ result, slug }: { result: SharedResult; slug: string }) {
  const [shown, setShown] = useState<{
    what: 'JSON' | 'link';
    text: string;
    copied: boolean;
  } | null>(null);
  const copy = async (what: 'JSON' | 'link') => {
    let text = resultJson(result);
    if (what === 'link') {
      const url = new URL(window.location.href);
      url.hash = hrefFor(slug, { [LINK_KEY]: encodeResult(result) });
      text = url.href;
    }
    let copied = true;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      copied = false;
    }
    setShown({ what, text, copied });
  };
  return (
    <div className="litmus-share">
      <p className="toolbar">
        <button type="button" onClick={() => void copy('link')}>
          Copy link
        </button>
        <button type="button" onClick={() => void copy('JSON')}>
          Copy JSON
        </button>
        <span className="panel-sub">
          Share this result (test, accesses, counts, cores, browser) so a class can compare
          machines.
        </span>
      </p>
      {shown && (
        <div role="status">
          <p className="small">
            {shown.copied
              ? `The ${shown.what} is on the clipboard:`
              : `The clipboard was not available: copy the ${shown.what} from this box.`}
          </p>
          <textarea
            readOnly
            className="litmus-share-text"
            aria-label={`Result as ${shown.what}`}
            data-testid={`share-${shown.what.toLowerCase()}`}
            value={shown.text}
            rows={shown.what === 'link' ? 2 : 6}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </div>
  );
}

/** A result opened from a link, beside the learner's own. Nothing ran to show it. */
export function SharedView({
  decoded,
  own,
  onClose,
  onLoad,
}: {
  decoded: ResultDecode;
  /** The learner's latest result, compared when it ran the same test with the same accesses. */
  own: SharedResult | null;
  onClose(): void;
  /** Sets the lab to the shared result's test, accesses and rounds (without running). */
  onLoad(r: SharedResult): void;
}) {
  const close = (
    <button type="button" className="link" onClick={onClose}>
      Close the shared result
    </button>
  );
  if (!decoded.ok)
    return (
      <section className="litmus-shared" aria-label="Shared result" data-testid="shared-error">
        <p className="console-line error">
          <span aria-hidden="true">✗ </span>Could not open the shared litmus result:{' '}
          {decoded.reason}. The lab below works as usual.
        </p>
        {close}
      </section>
    );
  const r = decoded.result;
  const day = new Date(r.date).toLocaleDateString('en', { dateStyle: 'medium' });
  return (
    <section className="litmus-shared" aria-labelledby="shared-title" data-testid="shared-result">
      <h3 id="shared-title">Shared result</h3>
      <p data-testid="shared-machine">
        Shared from a machine with {machineText(r)}, on {day}: {r.test} with {settingsText(r)},{' '}
        {fmt(r.rounds)} rounds at {fmt(r.roundsPerSecond)} rounds/s. Nothing ran on your machine to
        show it.
      </p>
      <Outcomes result={r} subject="That processor" id="shared" />
      {own && own.test === r.test && own.atomic.every((a, i) => a === r.atomic[i]) && (
        <p data-testid="shared-compare">
          <strong>Compared with yours</strong> (the same test and accesses): the outcome the test
          asks about came {rateText(r)} there, and {rateText(own)} on your machine.
        </p>
      )}
      <p className="toolbar">
        <button type="button" onClick={() => onLoad(r)}>
          Use these settings
        </button>
        {close}
      </p>
    </section>
  );
}
