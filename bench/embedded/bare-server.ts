/** Start-up baseline of bench/embedded: a bare Fastify server, started like Simpul (node + tsx). */
import Fastify from 'fastify';

const app = Fastify();
app.get('/', async () => ({ ok: true }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
