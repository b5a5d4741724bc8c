import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env.ts';
import { connect } from '../db/connect.ts';
import { verifyAllChains, verifyOrgChain } from './verify-chain.ts';

/**
 * `node services/backend/src/audit-log/verify-cli.ts [--org <id>]`
 * Re-verifies the audit hash chains in DATABASE_URL. Exit 0: intact; 1: tampering found (the
 * organisation and seq are printed); 2: usage or connection error.
 */
async function main(): Promise<number> {
  let org: string | undefined;
  try {
    ({ values: { org } } = parseArgs({ options: { org: { type: 'string' } }, strict: true }));
  } catch (err) {
    console.error(`usage: verify-cli.ts [--org <organisation id>]\n${(err as Error).message}`);
    return 2;
  }
  const config = loadEnv();
  const handle = connect({ url: config.DATABASE_URL });
  try {
    const reports = org ? [await verifyOrgChain(handle.db, org)] : await verifyAllChains(handle.db);
    let broken = 0;
    for (const r of reports) {
      if (r.problem) {
        broken += 1;
        console.log(`FAIL org ${r.orgId}: seq ${r.problem.seq}: ${r.problem.kind}: ${r.problem.detail}`);
      } else {
        console.log(`ok   org ${r.orgId}: ${r.entries} entries`);
      }
    }
    console.log(broken === 0 ? `audit chains intact (${reports.length} organisations)` : `${broken} broken chain(s)`);
    return broken === 0 ? 0 : 1;
  } catch (err) {
    console.error(`cannot verify: ${(err as Error).message}`);
    return 2;
  } finally {
    await handle.close();
  }
}

process.exitCode = await main();
