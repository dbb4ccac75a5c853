/**
 * Operator commands. Run with `npm run cli -- <command> [options]`:
 *   migrate                          run pending migrations
 *   create-admin --username U --display-name N --role sysadmin|secadmin|auditor [--password P]
 *                                    create an administrator (password also from DJ_ADMIN_PASSWORD);
 *                                    on an empty database it first creates the root organization
 *                                    (--root-name, default 中共浙江省委; --root-region, default 330000)
 *   verify-audit                     chain waiting audit rows, verify the keyed chain against the anchors outside the
 *                                    database; exit 1 and name the first problem
 *   anchor-audit                     chain waiting audit rows and append the chain head to AUDIT_ANCHOR_FILE now
 *   seed-demo [--members N]          load demo data into an empty database (not in production)
 *   remove-demo-accounts             disable the demo accounts (no roles, no sessions, no usable password), audited;
 *                                    a production server refuses to start until this has run on a demo-seeded database
 */
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { startContext } from './platform/bootstrap.js';
import { appendAudit } from './platform/audit.js';
import { checkPasswordPolicy, hashPassword } from './platform/passwords.js';
import { ADMIN_ROLES } from './platform/roles.js';
import { ensureDemoData } from './seed/ensure-demo.js';
import { removeDemoAccounts } from './seed/demo-guard.js';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    username: { type: 'string' }, 'display-name': { type: 'string' }, role: { type: 'string' }, password: { type: 'string' },
    'root-name': { type: 'string' }, 'root-region': { type: 'string' }, members: { type: 'string' },
  },
  allowPositionals: false,
});

const fail = (msg: string): never => {
  console.error(msg);
  process.exit(2);
};

const config = loadConfig();
const { ctx, database } = await startContext(config);
let exitCode = 0;
try {
  switch (command) {
    case 'migrate':
      console.log('migrations are up to date');
      break;
    case 'create-admin': {
      const username = values.username ?? fail('--username is required');
      const displayName = values['display-name'] ?? username;
      const role = values.role ?? 'sysadmin';
      if (!(ADMIN_ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ADMIN_ROLES.join(', ')}`);
      const password = values.password ?? process.env.DJ_ADMIN_PASSWORD ?? fail('--password or DJ_ADMIN_PASSWORD is required');
      const policy = await ctx.policy.get();
      const problem = checkPasswordPolicy(password, policy, username);
      if (problem) fail(`password rejected: ${problem}`);
      const hash = await hashPassword(password);
      await ctx.db.transaction().execute(async (trx) => {
        let root = await trx.selectFrom('orgs').selectAll().where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
        if (!root) {
          const name = values['root-name'] ?? '中共浙江省委';
          const { id } = await trx.insertInto('orgs').values({ path: '/pending/', depth: 0, name, full_name: name.replace(/^中共(.*)委$/, '中国共产党$1委员会'), type: 'committee', level: 'province', sector: 'organ', region_code: values['root-region'] ?? '330000' }).returning('id').executeTakeFirstOrThrow();
          root = await trx.updateTable('orgs').set({ path: `/${id}/` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
          console.log(`created root organization ${root.name} (id ${root.id})`);
        }
        const exists = await trx.selectFrom('accounts').select('id').where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
        if (exists) fail(`account ${username} already exists`);
        const acc = await trx.insertInto('accounts').values({ username, display_name: displayName, kind: 'staff', password_hash: hash }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('password_history').values({ account_id: acc.id, password_hash: hash }).execute();
        await trx.insertInto('role_grants').values({ account_id: acc.id, role, org_id: root.id }).execute();
        await appendAudit(trx, { actorId: null, actorName: 'cli', action: 'account.create', entityType: 'account', entityId: acc.id, orgPath: root.path, after: { username, role, via: 'cli' } }, ctx.now());
      });
      console.log(`created ${role} ${username}; the second factor (TOTP) is enrolled at first login`);
      break;
    }
    case 'verify-audit': {
      const report = await ctx.audit.verify();
      const anchors = report.anchors.latestSeq ? `${report.anchors.checked} anchors in ${config.auditAnchorFile}, newest at position ${report.anchors.latestSeq} (${report.anchors.latestAt})` : `no anchors in ${config.auditAnchorFile}`;
      if (report.ok) console.log(`audit chain intact: ${report.checked} rows verified; ${anchors}`);
      else {
        const where = [report.firstBrokenId && `row ${report.firstBrokenId}`, report.firstBrokenSeq && `chain position ${report.firstBrokenSeq}`].filter(Boolean).join(', ');
        console.error(`audit chain BROKEN (${report.problem}) at ${where || 'the end of the chain'}: ${report.reason}${report.unchained ? ` (${report.unchained} rows outside the chain)` : ''} (${report.checked} rows verified before it; ${anchors})`);
        exitCode = 1;
      }
      break;
    }
    case 'anchor-audit': {
      const a = await ctx.audit.anchor();
      console.log(a ? `anchored chain position ${a.seq} in ${config.auditAnchorFile}` : 'nothing new to anchor');
      break;
    }
    case 'seed-demo': {
      const loaded = await ensureDemoData(ctx, console.log, values.members ? Number(values.members) : config.demoMembers);
      if (!loaded) console.log('the database already has organizations; demo data not loaded');
      break;
    }
    case 'remove-demo-accounts': {
      const removed = await removeDemoAccounts(ctx);
      await ctx.audit.sequence();
      if (removed.length === 0) console.log('no usable demo accounts: nothing to remove');
      else console.log(`disabled ${removed.length} demo accounts (roles, sessions and passwords removed; rows kept for the audit trail): ${removed.join(', ')}`);
      break;
    }
    default:
      console.error('commands: migrate | create-admin | verify-audit | anchor-audit | seed-demo | remove-demo-accounts  (see server/src/cli.ts)');
      exitCode = 2;
  }
} finally {
  await database.close();
}
process.exit(exitCode);
