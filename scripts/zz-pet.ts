import { openSite } from '../tests/site.ts';
const site = await openSite();
const page = await site.page();
await page.goto(site.url);
await page.waitForFunction(() => crossOriginIsolated);
const variants = {
  fn: `function lock(s, me) { const other = 1 - me; s[1 + me] = 1; s[3] = other; while (s[1 + other] === 1 && s[3] === other) {} }`,
  fnCount: `function lock(s, me) { const other = 1 - me; s[1 + me] = 1; s[3] = other; let k = 0; while (s[1 + other] === 1 && s[3] === other) { k++; } return k; }`,
};
for (const [name, lockSrc] of Object.entries(variants))
  for (const N of [100000, 1000000]) {
    const r = await page.evaluate(async ({ lockSrc, N }) => {
      const src = `onmessage = (e) => { const { sab, id, N } = e.data; const s = new Int32Array(sab);
        ${lockSrc}
        for (let i = 0; i < N; i++) { lock(s, id);
          if (Atomics.add(s, 20, 1) > 0) Atomics.add(s, 10, 1);
          const v = Atomics.load(s, 0); Atomics.store(s, 0, v + 1);
          Atomics.sub(s, 20, 1); s[1 + id] = 0; Atomics.add(s, 30 + id, 1); }
        postMessage('done'); };`;
      const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
      const sab = new SharedArrayBuffer(256);
      const s = new Int32Array(sab);
      const t0 = performance.now();
      const ws = [0, 1].map(() => new Worker(url));
      const done = Promise.all(ws.map((w, id) => new Promise((res) => { w.onmessage = res; w.postMessage({ sab, id, N }); })));
      const to = new Promise((res) => setTimeout(() => res('HUNG'), 10000));
      const r = await Promise.race([done, to]);
      ws.forEach((w) => w.terminate());
      return { r: r === 'HUNG' ? 'HUNG' : 'ok', ms: Math.round(performance.now() - t0), counter: s[0], overlaps: s[10], flags: [s[1], s[2], s[3]], iters: [s[30], s[31]] };
    }, { lockSrc, N });
    console.log(name, N, JSON.stringify(r));
  }
await site.close();
