import { useEffect, useRef } from 'react';
import * as monaco from './monaco-slim.ts';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import threadApi from '../../workers/runtime/thread-api.d.ts?raw';
import type { SourceError } from '../../workers/runtime/source-error.ts';

export interface EditorProps {
  /** One model per lesson, so undo history survives switching panes. */
  path: string;
  value: string;
  onChange(value: string): void;
  errors: readonly SourceError[];
  /** A line to highlight (the step mode's current line). */
  highlight?: { line: number; label: string } | null;
  onRun?(): void;
  label: string;
}

let configured = false;
function configure() {
  if (configured) return;
  configured = true;
  // Workers are bundled by Vite: nothing is fetched from a CDN, so this works offline and isolated.
  self.MonacoEnvironment = {
    getWorker: (_id: string, label: string) =>
      label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
  };
  const ts = monaco.typescript;
  const options = {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    strict: true,
    noEmit: true,
    lib: ['es2022', 'webworker'],
    allowNonTsExtensions: true,
  };
  ts.typescriptDefaults.setCompilerOptions(options);
  ts.javascriptDefaults.setCompilerOptions({ ...options, checkJs: true });
  ts.typescriptDefaults.addExtraLib(threadApi, 'file:///interleave/thread-api.d.ts');
  ts.javascriptDefaults.addExtraLib(threadApi, 'file:///interleave/thread-api.d.ts');
}

const OWNER = 'interleave';

export default function Editor({
  path,
  value,
  onChange,
  errors,
  highlight,
  onRun,
  label,
}: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const latest = useRef({ onChange, onRun });
  useEffect(() => {
    latest.current = { onChange, onRun };
  });

  useEffect(() => {
    configure();
    const uri = monaco.Uri.parse(`file:///lessons/${path}.ts`);
    const model =
      monaco.editor.getModel(uri) ?? monaco.editor.createModel(value, 'typescript', uri);
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      // 'dimmed' (the default) draws the last, empty line's number at 40 % opacity: below WCAG contrast.
      renderFinalNewline: 'on',
      tabSize: 2,
      ariaLabel: label,
      accessibilitySupport: 'auto',
      smoothScrolling: !reduceMotion,
      cursorSmoothCaretAnimation: reduceMotion ? 'off' : 'on',
      fixedOverflowWidgets: true,
      // Monaco's EditContext input dropped keystrokes here while the page was busy (seen typing
      // into the race lesson: "// typed from the keyboard" arrived as "//yped froe yboard"); the
      // textarea input it replaces keeps every key.
      editContext: false,
    });
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    const sub = model.onDidChangeContent(() => latest.current.onChange(model.getValue()));
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun?.());
    return () => {
      sub.dispose();
      editor.dispose();
      editorRef.current = null;
    };
    // The model outlives the editor; value changes are pushed by the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, label]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== value) {
      // pushEditOperations keeps the change undoable (Reset/Solution can be undone with Ctrl+Z).
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
    }
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      errors
        .filter((e) => e.line != null)
        .map((e) => {
          const line = Math.min(Math.max(1, e.line!), model.getLineCount());
          return {
            severity: monaco.MarkerSeverity.Error,
            message: e.message,
            startLineNumber: line,
            startColumn: e.column ?? 1,
            endLineNumber: line,
            endColumn: model.getLineMaxColumn(line),
          };
        }),
    );
    const first = errors.find((e) => e.line != null);
    if (first) editorRef.current?.revealLineInCenterIfOutsideViewport(first.line!);
  }, [errors]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !decorations.current) return;
    if (!highlight) {
      decorations.current.clear();
      return;
    }
    decorations.current.set([
      {
        range: new monaco.Range(highlight.line, 1, highlight.line, 1),
        options: {
          isWholeLine: true,
          className: 'editor-step-line',
          glyphMarginHoverMessage: { value: highlight.label },
        },
      },
    ]);
    editor.revealLineInCenterIfOutsideViewport(highlight.line);
  }, [highlight]);

  return <div ref={host} className="editor-host" data-testid="monaco-host" />;
}
