// Start-up baseline of `npm run bench:start`: the floor of any embedded start here, i.e. plain node
// importing Fastify and PGlite (with the btree_gin extension Simpul loads), opening the same data
// directory, and answering /readyz with `select 1`. No Simpul code, no migrations, no bundle check.
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import Fastify from 'fastify';

// As api/main.ts does: a timer holds the event loop while PGlite's WebAssembly compiles (else Node
// waits for all of V8's background compilation each time the loop empties).
const holdLoop = setInterval(() => {}, 1000);
const pglite = await PGlite.create(`file://${process.env.DATA_DIR}/pglite`, { extensions: { btree_gin } });
const app = Fastify();
app.get('/readyz', async () => {
  await pglite.query('select 1');
  return { status: 'ok' };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
clearInterval(holdLoop);
process.on('SIGTERM', () => void app.close().then(() => pglite.close().then(() => process.exit(0))));
