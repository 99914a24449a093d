import type { MouseEvent } from 'react';

/**
 * Skip links for keyboard users: the first stops on the page. The app routes by the address's hash
 * (`#/race-conditions`), so a plain `href="#main"` would navigate to a lesson called "main"; these
 * move focus to their target instead and leave the address alone.
 */
export function SkipLinks({ lesson }: { lesson: boolean }) {
  const jump = (id: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(id);
    if (!target) return;
    e.preventDefault();
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'start' });
  };
  return (
    <div className="skip-links">
      <a className="skip-link" href="#main" onClick={jump('main')}>
        Skip to content
      </a>
      {lesson && (
        <a className="skip-link" href="#code-title" onClick={jump('code-title')}>
          Skip to your code
        </a>
      )}
    </div>
  );
}
