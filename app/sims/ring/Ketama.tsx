import { useId, useMemo, useState } from 'react';
import {
  buildKetama,
  ketamaDigests,
  parseServerList,
  type KetamaFlavour,
} from '../../../workers/ring/ketama.ts';
import { md5Point } from '../../../workers/ring/md5-fast.ts';
import { lookupMany, ownership } from '../../../workers/ring/ring.ts';
import { TableScroll } from '../../components/TableScroll.tsx';
import { pct } from './format.ts';
import { nodeColor } from './palette.ts';

const DEFAULT_SERVERS = `# host:port weight (libketama's server file: weight = memory)
10.0.1.1:11211 600
10.0.1.2:11211 300
10.0.1.3:11211 200
10.0.1.4:11211 350`;

const DEFAULT_KEYS = [
  'user:1001',
  'user:1002',
  'session:9f2c',
  'cart:77',
  'feed:home',
  'ключ',
].join('\n');

const PREVIEW = 12;
const MAX_KEYS = 200_000;

/**
 * The learner's own cache cluster under Ketama: type (or paste) servers with weights and keys, and
 * see the server each key goes to, computed as libketama and the `hashring` package compute it.
 * Every key's server can be copied or downloaded, to check against a real client.
 */
export function KetamaPanel() {
  const [serverText, setServerText] = useState(DEFAULT_SERVERS);
  const [keyText, setKeyText] = useState(DEFAULT_KEYS);
  const [flavour, setFlavour] = useState<KetamaFlavour>('hashring');
  const ids = { servers: useId(), keys: useId() };

  const parsed = useMemo(() => parseServerList(serverText), [serverText]);
  const ring = useMemo(
    () => (parsed.servers.length ? buildKetama(parsed.servers, flavour) : null),
    [parsed, flavour],
  );
  const keys = useMemo(() => {
    const all = keyText.split('\n').map((k) => k.replace(/\r$/, ''));
    while (all.length && all[all.length - 1] === '') all.pop();
    return all.slice(0, MAX_KEYS);
  }, [keyText]);
  // Keys are hashed once per key list; a new server list only re-runs the lookups.
  const points = useMemo(() => Uint32Array.from(keys, md5Point), [keys]);
  const owners = useMemo(() => {
    if (!ring) return null;
    const out = new Uint16Array(keys.length);
    lookupMany(ring, points, out);
    return out;
  }, [ring, points, keys]);
  // The same keys in the other client's rounding of the digest counts.
  const other: KetamaFlavour = flavour === 'hashring' ? 'libketama' : 'hashring';
  const disagree = useMemo(() => {
    if (!ring || !owners || !parsed.servers.length) return 0;
    const otherDigests = ketamaDigests(parsed.servers, other);
    if (otherDigests.every((d, i) => d === ring.digests[i])) return 0;
    const theirs = new Uint16Array(keys.length);
    lookupMany(buildKetama(parsed.servers, other), points, theirs);
    let n = 0;
    for (let i = 0; i < theirs.length; i++) if (theirs[i] !== owners[i]) n++;
    return n;
  }, [ring, owners, parsed, other, points, keys]);
  const shares = useMemo(() => (ring ? ownership(ring) : null), [ring]);
  const perServer = useMemo(() => {
    const counts = new Uint32Array(parsed.servers.length);
    if (owners) for (const o of owners) counts[o]++;
    return counts;
  }, [owners, parsed]);
  // Every key's line, in a box inside a closed <details> until the learner opens it: 10,000 lines
  // on screen cost a visible pause to lay out on every edit of the server list, hidden ones do not.
  const exported = useMemo(
    () => (ring && owners ? keys.map((k, i) => `${k}\t${ring.ids[owners[i]]}`).join('\n') : ''),
    [ring, owners, keys],
  );
  const totalWeight = parsed.servers.reduce((s, x) => s + (x.weight ?? 1), 0);

  const download = () => {
    const url = URL.createObjectURL(
      new Blob([exported + '\n'], { type: 'text/tab-separated-values' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = 'ketama-owners.tsv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <div className="experiment ketama">
      <p className="panel-sub">
        Your memcached servers as Ketama places keys on them: each server hashes to 160 points at
        equal weight (40 MD5 digests of <code>host:port-k</code>, four points each), a key goes to
        the first point at or after the first four bytes of its own MD5. Paste a client&apos;s
        server list and some keys: the servers shown are the ones libketama and the{' '}
        <code>hashring</code> package pick. (libmemcached hashes a server on the default port
        without <code>:11211</code>: type it that way.)
      </p>
      <div className="ketama-inputs">
        <div>
          <label htmlFor={ids.servers}>Servers: host:port weight, one per line</label>
          <textarea
            id={ids.servers}
            data-testid="ketama-servers"
            rows={7}
            spellCheck={false}
            value={serverText}
            onChange={(e) => setServerText(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={ids.keys}>Keys, one per line</label>
          <textarea
            id={ids.keys}
            data-testid="ketama-keys"
            rows={7}
            spellCheck={false}
            value={keyText}
            onChange={(e) => setKeyText(e.target.value)}
          />
        </div>
      </div>
      <label className="inline-select">
        Digests per server rounded as{' '}
        <select value={flavour} onChange={(e) => setFlavour(e.target.value as KetamaFlavour)}>
          <option value="hashring">hashring (npm, doubles)</option>
          <option value="libketama">libketama (C, floats)</option>
        </select>
      </label>
      {ring && keys.length > 0 && (
        <p className="small" data-testid="ketama-rounding">
          {disagree === 0
            ? `${other === 'libketama' ? 'libketama' : 'hashring'} rounds these weights to the same points: every key agrees.`
            : `In ${other === 'libketama' ? "libketama's" : "hashring's"} rounding, ${disagree.toLocaleString('en')} of these ${keys.length.toLocaleString('en')} keys (${pct(disagree / keys.length)}) would go to a different server.`}
        </p>
      )}
      {parsed.errors.length > 0 && (
        <ul className="console-line error" data-testid="ketama-errors">
          {parsed.errors.map((e) => (
            <li key={e}>✗ {e}</li>
          ))}
        </ul>
      )}
      {!ring && <p className="muted">Add at least one server.</p>}
      {ring && shares && (
        <>
          <p
            className="small muted"
            data-testid="ketama-count"
            data-servers={ring.ids.length}
            data-first-server={ring.ids[0]}
          >
            {ring.ids.length} servers, {ring.positions.length.toLocaleString('en')} points,{' '}
            {keys.length.toLocaleString('en')} keys
          </p>
          <TableScroll label="Servers on the Ketama ring">
            <table className="outcomes" data-testid="ketama-summary">
              <thead>
                <tr>
                  <th scope="col">Server</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Points</th>
                  <th scope="col">Share of circle (of weight)</th>
                  <th scope="col">Keys here</th>
                </tr>
              </thead>
              <tbody>
                {ring.ids.map((id, i) => (
                  <tr key={id}>
                    <th scope="row">
                      <span
                        className="swatch"
                        style={{ background: nodeColor(i) }}
                        aria-hidden="true"
                      />
                      {id}
                    </th>
                    <td>{parsed.servers[i].weight}</td>
                    <td>{ring.digests[i] * 4}</td>
                    <td>
                      {pct(shares[i])}{' '}
                      <span className="muted small">
                        ({pct((parsed.servers[i].weight ?? 1) / totalWeight)})
                      </span>
                    </td>
                    <td>{perServer[i].toLocaleString('en')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {owners && keys.length > 0 && (
            <>
              <p className="small muted">
                {keys.length > PREVIEW
                  ? `The first ${PREVIEW} of ${keys.length.toLocaleString('en')} keys; all of them below.`
                  : 'Your keys:'}
              </p>
              <TableScroll label="Where your keys go">
                <table className="outcomes" data-testid="ketama-owners">
                  <thead>
                    <tr>
                      <th scope="col">Key</th>
                      <th scope="col">MD5 point</th>
                      <th scope="col">Server</th>
                    </tr>
                  </thead>
                  <tbody>
                    {keys.slice(0, PREVIEW).map((k, i) => (
                      <tr key={`${i}-${k}`}>
                        <td>
                          <code>{k || '(empty)'}</code>
                        </td>
                        <td>{points[i].toLocaleString('en')}</td>
                        <td>{ring.ids[owners[i]]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          )}
          <details className="ketama-export">
            <summary>
              Every key and its server ({keys.length.toLocaleString('en')} lines, tab-separated)
            </summary>
            {/* A <pre>, not a textarea: replacing 10,000 lines of text is a text-node swap, where
                a textarea's value costs tens of ms even while hidden. Selectable, and the
                download has the same text. */}
            <pre
              className="ketama-export-text"
              data-testid="ketama-export"
              tabIndex={0}
              role="region"
              aria-label="Every key and its server"
            >
              {exported}
            </pre>
          </details>
          <button
            type="button"
            data-testid="ketama-download"
            onClick={download}
            disabled={!owners || keys.length === 0}
          >
            Download owners (.tsv)
          </button>
        </>
      )}
    </div>
  );
}
