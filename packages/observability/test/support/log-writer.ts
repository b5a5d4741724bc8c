// A process that logs through createLogger's default (asynchronous) stdout destination, then ends
// as argv[2] says: `exit` (process.exit(3)), `throw` (an uncaught error), or `idle` (stays alive 60 s).
import { createLogger } from '../../src/index.ts';

const logger = createLogger({ service: 'log-writer' });
for (let i = 0; i < 2000; i++) logger.info({ i, padding: 'x'.repeat(200) }, 'line');
const mode = process.argv[2];
if (mode === 'exit') process.exit(3);
if (mode === 'throw') throw new Error('boom');
setTimeout(() => undefined, 60_000);
