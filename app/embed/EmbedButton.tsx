import { lazy, Suspense, useRef, useState } from 'react';
import type { LessonMeta } from '../../lessons/format.ts';

// The dialog (and its live preview) loads when first asked for, not with every lesson.
const EmbedDialog = lazy(() => import('./EmbedDialog.tsx'));

/** "Embed" on a lesson page: opens the dialog that makes the `<iframe>` for a course page. */
export function EmbedButton({ lesson }: { lesson: LessonMeta }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        type="button"
        ref={button}
        className="embed-open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Embed
      </button>
      {open && (
        <Suspense fallback={null}>
          <EmbedDialog
            lesson={lesson}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
