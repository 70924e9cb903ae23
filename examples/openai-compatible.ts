/**
 * Lists the models of any OpenAI-compatible server (vLLM, llama.cpp, SGLang, LiteLLM, LocalAI, a
 * corporate proxy) with one `openaiCompatible(...)` call. To stay self-contained, this script first
 * starts a tiny stand-in server on 127.0.0.1; point `baseURL` at your own server instead.
 *
 * Run: npx tsx examples/openai-compatible.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createModelCatalog, openaiCompatible } from '../src/index.js';

// A stand-in for `vllm serve ...`: answers GET /v1/models the OpenAI way.
const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/v1/models') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        object: 'list',
        data: [
          {
            id: 'Qwen/Qwen2.5-7B-Instruct',
            object: 'model',
            owned_by: 'vllm',
            max_model_len: 32768,
          },
          { id: 'BAAI/bge-m3', object: 'model', owned_by: 'vllm', max_model_len: 8192 },
        ],
      }),
    );
    return;
  }
  response.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

try {
  // The one call: an id of your choosing and the server's API root. Add `apiKey` if it needs one.
  const myServer = openaiCompatible({ id: 'my-vllm', baseURL: `http://127.0.0.1:${port}/v1` });
  const catalog = createModelCatalog({ providers: [myServer], cache: false });
  const { models } = await catalog.listModels({ provider: 'my-vllm' });
  for (const model of models) {
    console.log(`${model.id}\t${model.category}\tcontext ${model.contextLength ?? 'unknown'}`);
  }
} finally {
  server.close();
}
