// After `npm run build`: prints the content script's size and fails if it is over budget or carries
// zod or libphonenumber-js (npm test runs it). Another built file may be named to check it instead.
// Usage: node --import tsx scripts/check-bundle.ts [.output/chrome-mv3/content-scripts/overlay.js]
import { CONTENT_SCRIPT, checkContentScript, formatBundleSize, readBuilt } from './bundle';

const file = process.argv[2] ?? CONTENT_SCRIPT;
const { size, problems } = checkContentScript(readBuilt(file));
console.log(`${file}: ${formatBundleSize(size)}`);
for (const problem of problems) console.error(`  ${problem}`);
if (problems.length > 0) process.exit(1);
