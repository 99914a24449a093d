import { useState } from 'react';

/**
 * Copies `text` to the clipboard and says so. Where the browser refuses (no permission, an old
 * browser, a frame without `clipboard-write`), it selects the text field `target` instead and
 * says which keys copy it.
 */
export function CopyButton({
  text,
  label,
  target,
}: {
  text: string;
  label: string;
  target: string;
}) {
  const [note, setNote] = useState<{ text: string; for: string } | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setNote({ text: 'Copied to the clipboard.', for: text });
    } catch {
      const field = document.getElementById(target) as HTMLTextAreaElement | null;
      field?.focus();
      field?.select();
      setNote({
        text: 'The browser did not allow copying: the HTML is selected, press Ctrl+C (⌘C on a Mac).',
        for: text,
      });
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="copy-note">
        {/* A note about other text (the options changed since) would mislead. */}
        {note && note.for === text ? note.text : ''}
      </span>
    </>
  );
}
