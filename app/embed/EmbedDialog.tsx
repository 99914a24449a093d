import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { LessonMeta } from '../../lessons/format.ts';
import type { EmbedPanes } from './events.ts';
import { PANES, SIZES, embedSnippet, frameAttributes, siteBase, type SizeId } from './snippet.ts';
import { CopyButton } from './CopyButton.tsx';
import './embed.css';

/** Which panes a lesson can show on their own: a lesson with no simulation or tools has only code. */
export function panesFor(lesson: Pick<LessonMeta, 'sim' | 'tools'>): typeof PANES {
  return lesson.sim || lesson.tools.length ? PANES : PANES.filter((p) => p.id === 'code');
}

/**
 * The Embed dialog: choose panes and size, copy the `<iframe>`, see it live. A modal `<dialog>`
 * (the rest of the page is inert), with focus kept inside by two guards around its content,
 * Escape to close, and focus back on the button that opened it (the caller does that in onClose).
 */
export default function EmbedDialog({
  lesson,
  onClose: onClosed,
}: {
  lesson: LessonMeta;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const last = useRef<HTMLIFrameElement>(null);
  const options = panesFor(lesson);
  const [panes, setPanes] = useState<EmbedPanes>(options[0].id);
  const [size, setSize] = useState<SizeId>('medium');
  const id = useId();

  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    first.current?.focus();
    return () => d.close();
  }, []);

  // Closed before the caller hears of it: the page behind stops being inert, so the caller can
  // put focus back on the button that opened the dialog.
  const onClose = () => {
    ref.current?.close();
    onClosed();
  };

  const o = {
    base: siteBase(window.location),
    slug: lesson.slug,
    title: lesson.title,
    panes,
    size,
  };
  const snippet = embedSnippet(o);
  const frame = frameAttributes(o);

  // Focus guards: Tab past the end (or Shift+Tab past the start) comes back round, even when
  // focus leaves the preview frame, whose key presses this page never sees.
  const guard = (to: RefObject<HTMLElement | null>) => (
    <span tabIndex={0} className="focus-guard" onFocus={() => to.current?.focus()} />
  );
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <dialog
      ref={ref}
      className="embed-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      // The browser's own Escape handling closes the dialog; React's state must follow it.
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
    >
      {guard(last)}
      <div className="embed-dialog-head">
        <h2 id={`${id}-title`}>Embed “{lesson.title}”</h2>
        <button type="button" ref={first} onClick={onClose}>
          Close
        </button>
      </div>
      <p id={`${id}-desc`} className="muted">
        Paste the HTML below into a course page (Canvas, Moodle, a wiki, slides). The frame shows
        only the panes you choose, with a link that opens the whole lesson in its own tab.
      </p>
      <div className="embed-choices">
        {options.length > 1 && (
          <fieldset>
            <legend>Show</legend>
            {options.map((p) => (
              <label key={p.id}>
                <input
                  type="radio"
                  name={`${id}-panes`}
                  value={p.id}
                  checked={panes === p.id}
                  onChange={() => setPanes(p.id)}
                />{' '}
                {p.label}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend>Size</legend>
          {SIZES.map((s) => (
            <label key={s.id}>
              <input
                type="radio"
                name={`${id}-size`}
                value={s.id}
                checked={size === s.id}
                onChange={() => setSize(s.id)}
              />{' '}
              {s.label}{' '}
              <span className="muted">
                ({s.width === '100%' ? 'full width' : `${s.width} px`} × {s.height[panes]} px)
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <label className="embed-snippet-label" htmlFor={`${id}-snippet`}>
        HTML to paste
      </label>
      <textarea
        id={`${id}-snippet`}
        className="embed-snippet"
        readOnly
        value={snippet}
        rows={6}
        spellCheck={false}
        data-testid="embed-snippet"
      />
      <div className="embed-actions">
        <CopyButton text={snippet} label="Copy HTML" target={`${id}-snippet`} />
      </div>
      <p className="muted embed-threads">
        Real threads in the frame: Chrome and Edge 137+ on a computer. Elsewhere (Firefox, Safari,
        phones) it runs on simulated threads, and its “Open in Interleave” link gives real ones.
      </p>
      <h3 className="embed-preview-title">Live preview</h3>
      <div className="embed-preview">
        <iframe
          key={frame.src}
          ref={last}
          src={frame.src}
          title={`Preview: ${frame.title}`}
          width={frame.width}
          height={frame.height}
          allow={frame.allow}
        />
      </div>
      {guard(first)}
    </dialog>
  );
}
