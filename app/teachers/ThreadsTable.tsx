import { TableScroll } from '../components/TableScroll.tsx';

type Cell = { real: boolean; text: string };
const real = (text = 'Real'): Cell => ({ real: true, text });
const simulated = (text = 'Simulated'): Cell => ({ real: false, text });

const COLUMNS = [
  'Chrome, Edge 137+ on a computer',
  'Chrome, Edge on phones and older versions',
  'Firefox',
  'Safari (Mac, iPhone, iPad)',
];

/**
 * Which setting gives real threads in which browser. The Chromium cells are what
 * tests/hosting.browser.test.ts and tests/embed.browser.test.ts show; the others follow from what
 * those browsers support (no Document-Isolation-Policy: a frame in a non-isolated page is never
 * isolated there).
 */
const ROWS: Array<{ setting: string; cells: Cell[] }> = [
  {
    setting: 'Its own tab (the site, or “Open in Interleave ↗” from a frame)',
    cells: [real(), real(), real(), real()],
  },
  {
    setting: 'A frame in a course page, wiki or slides (the page is not isolated)',
    cells: [real('Real, through Document-Isolation-Policy'), simulated(), simulated(), simulated()],
  },
  {
    setting:
      'A frame inside an LMS such as Canvas (its frames’ allow list has no cross-origin-isolated)',
    cells: [real('Real, through Document-Isolation-Policy'), simulated(), simulated(), simulated()],
  },
  {
    setting:
      'A frame in a page that is itself isolated and passes it on (allow="cross-origin-isolated")',
    cells: [real(), real(), real('Real (not tested here)'), real('Real (not tested here)')],
  },
  {
    setting:
      'A frame of a copy hosted where no headers can be set (GitHub Pages): its service worker works in a tab, not in a frame',
    cells: [simulated(), simulated(), simulated(), simulated()],
  },
];

export function ThreadsTable() {
  return (
    <TableScroll label="Where threads are real">
      <table className="outcomes threads-table" aria-labelledby="threads-title">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            {COLUMNS.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.setting}>
              <th scope="row">{r.setting}</th>
              {r.cells.map((c, i) => (
                <td key={i} data-real={c.real}>
                  {/* The word says it; the mark only repeats it (colour is never the only signal). */}
                  <span aria-hidden="true">{c.real ? '● ' : '○ '}</span>
                  {c.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
