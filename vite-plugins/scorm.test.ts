import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { buildPackages, launchPage, manifestXml, packFile, zipPacked } from './scorm.ts';

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Interleave: a concurrency playground</title>
    <!-- Hosts that send no isolation headers (GitHub Pages): a service worker adds them, one reload. -->
    <script src="./register-sw.js"></script>
    <script type="module" crossorigin src="./assets/main-abc.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('manifestXml', () => {
  const xml = manifestXml({
    identifier: 'interleave-race-conditions',
    title: 'Locks & <latches>',
    launch: 'scorm.html',
    files: ['scorm.html', 'assets/main-abc.js', 'assets/a&b.css'],
  });

  it('declares an ADL SCORM 1.2 package with one SCO launched from the given file', () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"');
    expect(xml).toContain('xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"');
    expect(xml).toContain('<schema>ADL SCORM</schema>');
    expect(xml).toContain('<schemaversion>1.2</schemaversion>');
    expect(xml.match(/adlcp:scormtype="sco"/g)).toHaveLength(1);
    expect(xml).toMatch(/adlcp:scormtype="sco" href="scorm\.html"/);
    // The item points at the resource, the organization is the default.
    const ref = /identifierref="([^"]+)"/.exec(xml)![1];
    expect(xml).toContain(`<resource identifier="${ref}"`);
    const org = /<organizations default="([^"]+)"/.exec(xml)![1];
    expect(xml).toContain(`<organization identifier="${org}"`);
    // No mastery score: the LMS must not turn a partial course score into "failed".
    expect(xml).not.toContain('masteryscore');
  });

  it('lists every file and escapes text for XML', () => {
    expect(xml).toContain('<file href="assets/main-abc.js"/>');
    expect(xml).toContain('<file href="assets/a&amp;b.css"/>');
    expect(xml).toContain('<title>Locks &amp; &lt;latches&gt;</title>');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
  });
});

describe('launchPage', () => {
  it('names the lesson in a meta tag, drops the service worker, keeps the app', () => {
    const page = launchPage(INDEX, { kind: 'lesson', slug: 'race-conditions' }, 'Race & co');
    expect(page).toContain('<meta name="interleave-scorm" content="lesson:race-conditions" />');
    expect(page).not.toContain('register-sw');
    expect(page).not.toContain('service worker');
    expect(page).toContain('<title>Race &amp; co</title>');
    expect(page).toContain('src="./assets/main-abc.js"');
    expect(launchPage(INDEX, { kind: 'course' }, 'x')).toContain('content="course"');
    expect(() => launchPage('<html></html>', { kind: 'course' }, 'x')).toThrow(/meta charset/);
  });
});

describe('zipPacked', () => {
  it('writes a zip any unzipper reads back byte for byte, from files deflated once', () => {
    const a = new TextEncoder().encode('hello '.repeat(1000));
    const b = new Uint8Array(3000).map((_, i) => (i * 7919) % 251);
    const packed = [packFile('a.txt', a), packFile('dir/b.bin', b)];
    const one = unzipSync(zipPacked(packed));
    const two = unzipSync(zipPacked([packFile('extra.xml', new Uint8Array([60])), ...packed]));
    expect(one['a.txt']).toEqual(a);
    expect(one['dir/b.bin']).toEqual(b);
    expect(Object.keys(two).sort()).toEqual(['a.txt', 'dir/b.bin', 'extra.xml']);
  });
});

describe('buildPackages', () => {
  it('packs the built site, a launch page and a manifest per lesson and for the course', () => {
    const out = mkdtempSync(join(tmpdir(), 'interleave-scorm-build-'));
    try {
      mkdirSync(join(out, 'assets'));
      mkdirSync(join(out, 'scorm'));
      writeFileSync(join(out, 'index.html'), INDEX);
      writeFileSync(join(out, 'assets', 'main-abc.js'), 'console.log(1)');
      writeFileSync(join(out, '_headers'), '/*\n  X: y\n');
      writeFileSync(join(out, 'scorm', 'old.zip'), 'stale');
      const packages = buildPackages(out, process.cwd());
      const names = packages.map((p) => p.name);
      expect(names).toContain('race-conditions.zip');
      expect(names.at(-1)).toBe('interleave-course.zip');
      // One per lesson folder, then the course.
      const folders = readdirSync('lessons', { withFileTypes: true }).filter(
        (d) => d.isDirectory() && /^\d+-/.test(d.name),
      );
      expect(names).toHaveLength(folders.length + 1);
      for (const p of packages) {
        const files = unzipSync(p.bytes);
        expect(Object.keys(files).sort()).toEqual([
          'assets/main-abc.js',
          'imsmanifest.xml',
          'index.html',
          'scorm.html',
        ]);
        const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
        for (const f of ['scorm.html', 'index.html', 'assets/main-abc.js'])
          expect(manifest).toContain(`<file href="${f}"/>`);
        const launch = new TextDecoder().decode(files['scorm.html']);
        const slug = p.name.replace(/\.zip$/, '');
        expect(launch).toContain(
          slug === 'interleave-course' ? 'content="course"' : `content="lesson:${slug}"`,
        );
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
