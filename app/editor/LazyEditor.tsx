import { Component, lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import type { EditorProps } from './Editor.tsx';

// Monaco (~1 MiB gzip) and its TypeScript worker load only when an editor scrolls onto the screen.
const Monaco = lazy(() => import('./Editor.tsx'));

/**
 * The code editor: a plain textarea until Monaco has loaded (and for good if it fails to load),
 * so the learner can always read and edit their code.
 */
export function LazyEditor(props: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = host.current;
    if (!el || visible) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [visible]);
  const fallback = <PlainEditor {...props} />;
  return (
    <div ref={host} className="editor">
      {visible ? (
        <EditorBoundary fallback={fallback}>
          <Suspense fallback={fallback}>
            <Monaco {...props} />
          </Suspense>
        </EditorBoundary>
      ) : (
        fallback
      )}
    </div>
  );
}

function PlainEditor({ value, onChange, label, errors }: EditorProps) {
  return (
    <textarea
      className="editor-plain"
      aria-label={label}
      spellCheck={false}
      value={value}
      aria-invalid={errors.length > 0}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

class EditorBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
