// After `npm run build`: prints the content script's size and fails if it is over budget or carries
// zod or libphonenumber-js (npm test runs it); then the same libraries check for the overlay frame's
// scripts, which load with every page view too. Another built file may be named to check it instead.
// Usage: node --import tsx scripts/check-bundle.ts [.output/chrome-mv3/content-scripts/overlay.js]
import { CONTENT_SCRIPT, checkContentScript, forbiddenLibraries, formatBundleSize, measureBundle, readBuilt } from './bundle';

const file = process.argv[2] ?? CONTENT_SCRIPT;
const { size, problems } = checkContentScript(readBuilt(file));
console.log(`${file}: ${formatBundleSize(size)}`);
for (const problem of problems) console.error(`  ${problem}`);

if (!process.argv[2]) {
  // The frame page's scripts: its entry and the chunks it preloads, as the browser fetches them.
  const FRAME_PAGE = '.output/chrome-mv3/overlay-frame.html';
  const scripts = [
    ...readBuilt(FRAME_PAGE)
      .toString()
      .matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g),
  ].map((m) => `.output/chrome-mv3/${m[1]}`);
  const code = Buffer.concat(scripts.map((script) => readBuilt(script)));
  console.log(`${FRAME_PAGE} scripts (${scripts.length} files): ${formatBundleSize(measureBundle(code))}`);
  const frameProblems = forbiddenLibraries(code.toString()).map((name) => `the overlay frame contains ${name}, which belongs in the background`);
  for (const problem of frameProblems) console.error(`  ${problem}`);
  problems.push(...frameProblems);
}
if (problems.length > 0) process.exit(1);
