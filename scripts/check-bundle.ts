// After `npm run build`: prints the content script's size and fails if it is over budget or carries
// zod or libphonenumber-js (npm test runs it); then the same libraries check for the overlay frame's
// scripts, which load with every page view too; then the sentence encoder: TF.js and the model only in the
// encoder's worker (never the content script, the frame or the service worker), its files within their own budget.
// Another built file may be named to check it instead.
// Usage: node --import tsx scripts/check-bundle.ts [.output/chrome-mv3/content-scripts/overlay.js]
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_SCRIPT, checkContentScript, forbiddenLibraries, formatBundleSize, measureBundle, readBuilt } from './bundle';

const OUTPUT = '.output/chrome-mv3';
/** The encoder's worker and its files under semantic/ (the uint8 model, vocabulary, WebAssembly backends): ≈ 9.6 MB now. */
const ENCODER_FILES_BUDGET = 12 * 1024 * 1024;
/** Strings the encoder's code keeps when minified: TF.js's WebAssembly backend and graph-model loader. */
const ENCODER_MARKERS = ['tfjs-backend-wasm', 'loadGraphModel', 'weightsManifest'];
const encoderIn = (code: string) => ENCODER_MARKERS.filter((marker) => code.includes(marker));

const file = process.argv[2] ?? CONTENT_SCRIPT;
const content = readBuilt(file);
const { size, problems } = checkContentScript(content);
console.log(`${file}: ${formatBundleSize(size)}`);
if (encoderIn(content.toString()).length > 0) problems.push(`${file} contains the sentence encoder (TF.js), which belongs in its worker`);

if (!process.argv[2]) {
  // The frame page's scripts, as the browser fetches them: its one script (entrypoints/overlay-frame-app.ts) and any
  // module or chunk the page names.
  const FRAME_PAGE = `${OUTPUT}/overlay-frame.html`;
  const scripts = [
    ...readBuilt(FRAME_PAGE)
      .toString()
      .matchAll(/(?:src|href)="\/([^"]+\.js)"/g),
  ].map((m) => `${OUTPUT}/${m[1]}`);
  if (!scripts.some((script) => script.endsWith('/overlay-frame-app.js')))
    problems.push(`${FRAME_PAGE} no longer loads overlay-frame-app.js: update this check`);
  const code = Buffer.concat(scripts.map((script) => readBuilt(script)));
  console.log(`${FRAME_PAGE} scripts (${scripts.length} files): ${formatBundleSize(measureBundle(code))}`);
  const frameProblems = forbiddenLibraries(code.toString()).map((name) => `the overlay frame contains ${name}, which belongs in the background`);
  if (encoderIn(code.toString()).length > 0) frameProblems.push('the overlay frame contains the sentence encoder (TF.js), which belongs in its worker');
  // The service worker wakes for every suggestion: 2 MB of TF.js there would slow each wake-up.
  if (encoderIn(readBuilt(`${OUTPUT}/background.js`).toString()).length > 0)
    frameProblems.push('the background contains the sentence encoder (TF.js), which belongs in its worker');
  problems.push(...frameProblems);

  // The encoder's own files: its worker must hold the encoder (else the checks above look for the wrong strings).
  const worker = readBuilt(`${OUTPUT}/encoder-worker.js`);
  const missing = ENCODER_MARKERS.filter((marker) => !encoderIn(worker.toString()).includes(marker));
  if (missing.length > 0) problems.push(`the encoder's worker lacks ${missing.join(', ')}: update ENCODER_MARKERS`);
  const assetsDir = path.resolve(import.meta.dirname, '..', OUTPUT, 'semantic');
  const assets = readdirSync(assetsDir).map((name) => ({ name, bytes: statSync(path.join(assetsDir, name)).size }));
  const total = worker.byteLength + assets.reduce((sum, a) => sum + a.bytes, 0);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  console.log(
    `sentence encoder (encoder-worker.js + semantic/): ${mb(total)} of ${mb(ENCODER_FILES_BUDGET)} (${[
      `worker ${mb(worker.byteLength)}`,
      ...assets.map((a) => `${a.name} ${mb(a.bytes)}`),
    ].join(', ')})`,
  );
  if (!assets.some((a) => a.name === 'model.json')) problems.push('semantic/model.json is missing: the build hook (wxt.config.ts) did not run');
  if (total > ENCODER_FILES_BUDGET) problems.push(`the sentence encoder's files are ${mb(total)}, over the ${mb(ENCODER_FILES_BUDGET)} budget`);
}
for (const problem of problems) console.error(`  ${problem}`);
if (problems.length > 0) process.exit(1);
