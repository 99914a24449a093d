import { TableScroll } from '../components/TableScroll.tsx';

/** The messages of app/embed/events.ts, in words (the README has a host page that reads them). */
const EVENTS: Array<{ type: string; when: string; fields: string }> = [
  {
    type: 'ready',
    when: 'the lesson is on screen',
    fields: 'title, panes, transport ("shared" or "simulated"), cores',
  },
  {
    type: 'run-finished',
    when: 'a run ended (each run of Run 20×)',
    fields: 'run, status, threads, params, result { shared, wallMs, overlaps, transport }, message',
  },
  {
    type: 'check-finished',
    when: 'a Check ended',
    fields:
      'outcome ("passed", "failed", "inconclusive", "cancelled"), passed, failed, inconclusive, undecided, total',
  },
  {
    type: 'lesson-completed',
    when: 'a Check passed every check',
    fields: 'firstTime',
  },
];

export function EventsTable() {
  return (
    <TableScroll label="Messages a framed lesson sends">
      <table className="outcomes events-table" aria-labelledby="events-title">
        <thead>
          <tr>
            <th scope="col">type</th>
            <th scope="col">Sent when</th>
            <th scope="col">Fields besides source: "interleave", version: 1, type, lesson</th>
          </tr>
        </thead>
        <tbody>
          {EVENTS.map((e) => (
            <tr key={e.type}>
              <th scope="row">
                <code>{e.type}</code>
              </th>
              <td>{e.when}</td>
              <td>{e.fields}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
