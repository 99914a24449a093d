import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import type { Plugin } from 'vite';
import { loadLessons } from './lessons.ts';
import { SCORM_META, type ScormLaunch } from '../app/scorm/launch.ts';

/**
 * SCORM 1.2 packages, written after every build: `scorm/<slug>.zip` per lesson and
 * `scorm/interleave-course.zip` for the whole course, for a teacher to upload to an LMS.
 *
 * Each package carries the whole built site (relative paths, base './'), so it needs nothing from
 * where the site is hosted and no network beyond the LMS. Its launch page `scorm.html` is the built
 * index.html with a meta tag naming the package's lesson (app/scorm/launch.ts); the app then
 * connects to the LMS through app/scorm/bridge.ts. The site's files are deflated once and the same
 * compressed bytes go into every package, so five packages cost about one compression.
 */
export const LAUNCH_FILE = 'scorm.html';
export const COURSE_ZIP = 'interleave-course.zip';
export const COURSE_TITLE = 'Interleave: a concurrency playground';
/** Fixed, so the same build gives byte-identical packages. */
const MTIME = new Date(2026, 0, 1);

export interface PackedFile {
  path: string;
  size: number;
  crc: number;
  deflated: Uint8Array<ArrayBuffer>;
}

export function packFile(path: string, data: Uint8Array): PackedFile {
  const deflated = new Uint8Array(deflateRawSync(data, { level: 9 }));
  return { path, size: data.length, crc: crc32(data), deflated };
}

/** A zip of already-deflated files (fflate writes the headers and the central directory). */
export function zipPacked(files: PackedFile[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  for (const f of files) {
    // fflate accepts any ZipInputFile: this one hands over bytes deflated once, elsewhere.
    const input: ZipInputFile = {
      filename: f.path,
      size: f.size,
      crc: f.crc,
      compression: 8,
      mtime: MTIME,
      os: 0,
      attrs: 0,
    };
    zip.add(input);
    input.ondata!(null, f.deflated, true);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * imsmanifest.xml for one SCO. No adlcp:masteryscore: with one, an LMS may turn the course's
 * partial score (lessons passed so far) into "failed"; the SCO reports passed itself.
 */
export function manifestXml(o: {
  identifier: string;
  title: string;
  launch: string;
  files: string[];
}): string {
  const id = o.identifier.replace(/[^A-Za-z0-9_.-]/g, '-');
  const files = o.files.map((f) => `      <file href="${xml(f)}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${xml(o.title)}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${xml(o.title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormtype="sco" href="${xml(o.launch)}">
${files}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * The launch page: the built index.html naming the package's lesson, without the service-worker
 * registration (inside an LMS frame it does nothing; in an LMS pop-up its one reload would end the
 * SCORM session it just began).
 */
export function launchPage(indexHtml: string, launch: ScormLaunch, title: string): string {
  const content = launch.kind === 'course' ? 'course' : `lesson:${launch.slug}`;
  const page = indexHtml
    .replace(/\s*<!--[^>]*service worker[^>]*-->/i, '')
    .replace(/\s*<script[^>]*(?:coi-register|register-sw)\.js[^>]*><\/script>/g, '')
    .replace(/<title>[^<]*<\/title>/, `<title>${xml(title)}</title>`)
    .replace(
      /(<meta charset[^>]*>)/i,
      `$1\n    <meta name="${SCORM_META}" content="${content}" />`,
    );
  if (!page.includes(SCORM_META))
    throw new Error('scorm: index.html has no <meta charset> to follow');
  return page;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export interface ScormPackage {
  name: string;
  bytes: Uint8Array;
}

/** Every package for a built site in `outDir`; the site's own files are compressed once. */
export function buildPackages(outDir: string, root: string): ScormPackage[] {
  const site = filesUnder(outDir)
    .map((p) => relative(outDir, p).split(sep).join('/'))
    // Not the packages themselves; not the static host's header rules.
    .filter((p) => !p.startsWith('scorm/') && p !== '_headers')
    .sort();
  const packed = site.map((p) => packFile(p, readFileSync(join(outDir, p))));
  const index = readFileSync(join(outDir, 'index.html'), 'utf8');
  const encode = (s: string) => new TextEncoder().encode(s);
  const one = (name: string, identifier: string, title: string, launch: ScormLaunch) => {
    const files = [LAUNCH_FILE, ...site];
    const extra = [
      packFile(
        'imsmanifest.xml',
        encode(manifestXml({ identifier, title, launch: LAUNCH_FILE, files })),
      ),
      packFile(LAUNCH_FILE, encode(launchPage(index, launch, title))),
    ];
    return { name, bytes: zipPacked([...extra, ...packed]) };
  };
  const lessons = loadLessons(root);
  return [
    ...lessons.map((l) =>
      one(`${l.slug}.zip`, `interleave-${l.slug}`, `${l.title} · Interleave`, {
        kind: 'lesson',
        slug: l.slug,
      }),
    ),
    one(COURSE_ZIP, 'interleave-course', COURSE_TITLE, { kind: 'course' }),
  ];
}

export function scormPlugin(options: { enabled?: boolean } = {}): Plugin {
  let outDir = 'dist';
  let root = process.cwd();
  return {
    name: 'interleave-scorm',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      if (options.enabled === false) return;
      const t0 = performance.now();
      const packages = buildPackages(outDir, root);
      mkdirSync(join(outDir, 'scorm'), { recursive: true });
      for (const p of packages) writeFileSync(join(outDir, 'scorm', p.name), p.bytes);
      const mb = packages.reduce((n, p) => n + p.bytes.length, 0) / 1e6;
      this.info?.(
        `SCORM: ${packages.length} packages (${mb.toFixed(1)} MB) in ${Math.round(performance.now() - t0)} ms`,
      );
    },
  };
}
