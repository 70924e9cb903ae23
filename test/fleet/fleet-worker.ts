// One instance of a fleet, run as its own Node process by single-flight.test.ts: a catalog on
// a shared Redis (through unstorage), two providers at a stand-in server, and two accounts (the
// catalog's own keys, and a tenant's keys given per request). It says `ready`, waits for `go`,
// makes its concurrent cold calls, sends what each call listed, and ends.
import { createStorage } from 'unstorage';
import redisDriver from 'unstorage/drivers/redis';
import { createModelCatalog, createStorageCache, deepseek, openai } from '../../src/index.js';

const { REDIS_URL = '', PROVIDER_URL = '', REDIS_BASE = '', CALLS = '50' } = process.env;
export const TENANT = {
  openai: { apiKey: 'sk-tenant-openai-PLANTED' },
  deepseek: { apiKey: 'sk-tenant-deepseek-PLANTED' },
};

const storage = createStorage({ driver: redisDriver({ url: REDIS_URL, base: REDIS_BASE }) });
const catalog = createModelCatalog({
  providers: [
    openai({ baseURL: `${PROVIDER_URL}/openai/v1` }),
    deepseek({ baseURL: `${PROVIDER_URL}/deepseek/v1` }),
  ],
  env: { OPENAI_API_KEY: 'sk-own-openai-PLANTED', DEEPSEEK_API_KEY: 'sk-own-deepseek-PLANTED' },
  cache: createStorageCache(storage),
  retries: 0,
});

process.on('message', async (message: { type: string }) => {
  if (message.type !== 'go') return;
  const results = await Promise.all(
    Array.from({ length: Number(CALLS) }, (_, index) =>
      index % 2 === 0 ? catalog.listModels() : catalog.listModels({ credentials: TENANT }),
    ),
  );
  process.send?.({
    type: 'done',
    results: results.map((result, index) => ({
      account: index % 2 === 0 ? 'own' : 'tenant',
      providers: Object.fromEntries(
        Object.entries(result.providers).map(([id, models]) => [
          id,
          models.map((model) => model.id),
        ]),
      ),
      sources: Object.fromEntries(
        Object.entries(result.status).map(([id, status]) => [id, status.source]),
      ),
      errors: result.errors,
    })),
  });
  await storage.dispose();
  process.disconnect?.();
});

process.send?.({ type: 'ready' });
