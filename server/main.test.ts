// The `npm run server` entry point as an operator runs it: a separate process, judged by its exit code and its log.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** A local port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('server/main.ts', () => {
  it('ends with exit code 1 and says it could not start when the database is down at start', async () => {
    const env = { ...process.env, DATABASE_URL: `postgres://tandem:tandem@127.0.0.1:${await closedPort()}/tandem`, PORT: '0', TANDEM_EMBEDDINGS: 'off' };
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', main], { env, timeout: 60_000 }, (_err, _stdout, stderr) =>
        resolve({ code: child.exitCode, stderr }),
      );
    });
    // Exit code 0 would tell a supervisor (systemd Restart=on-failure, Docker on-failure) not to start it again.
    expect(code).toBe(1);
    expect(stderr).toContain('[tandem-server] could not start: The database is unavailable');
    expect(stderr).not.toContain('still serving');
  }, 90_000);
});
