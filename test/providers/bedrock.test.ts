import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsV4Signer } from 'aws4fetch';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  bedrock,
  createFileCache,
  createModelCatalog,
  type ModelCatalogError,
} from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { recordRequests, server } from '../helpers/msw.js';
import { describeProviderConformance } from '../helpers/provider-conformance.js';
import { useTempDir } from '../helpers/temp-dir.js';

const KEY_ID = 'AKIAPLANTEDBEDROCK01';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/PLANTED-bedrock-secret-9x';
const SESSION = 'IQoJb3JpZ2luX2VjPLANTED-session-token-4kq';
const BEARER = 'ABSKQmVkcm9ja0FQSUtleS1PLANTED-bearer-2mw';
const URL_WEST = 'https://bedrock.us-west-2.amazonaws.com/foundation-models';
const ENV = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-west-2' };
const CREDENTIAL =
  /^AWS4-HMAC-SHA256 Credential=AKIAPLANTEDBEDROCK01\/(\d{8})\/us-west-2\/bedrock\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/;

const handlers = (url = URL_WEST) => [
  http.get(url, () => HttpResponse.json(fixture('bedrock', 'foundation-models.json'))),
];

describeProviderConformance({
  id: 'bedrock',
  create: (options) => bedrock(options),
  env: ENV,
  options: { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'us-west-2' },
  secret: SECRET,
  handlers,
  listUrl: URL_WEST,
  modelCount: 11,
  checkRequest: (request) => {
    expect(request.headers.get('authorization')).toMatch(CREDENTIAL);
    expect(request.headers.get('x-amz-date')).toMatch(/^\d{8}T\d{6}Z$/);
  },
});

describe('bedrock', () => {
  const tempDir = useTempDir();
  const catalog = (env: Record<string, string> = ENV, adapter = bedrock()) =>
    createModelCatalog({ providers: [adapter], env, cache: false, retries: 0 });

  it('sends one GET to the control-plane host of the region, signed with SigV4 for bedrock', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'bedrock' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${URL_WEST}`,
    ]);
    const headers = requests[0]!.headers;
    const [, date, signedHeaders] = CREDENTIAL.exec(headers.get('authorization') ?? '') ?? [];
    expect(date).toBe(headers.get('x-amz-date')!.slice(0, 8));
    expect(signedHeaders!.split(';')).toEqual(expect.arrayContaining(['host', 'x-amz-date']));
    expect(headers.get('x-amz-security-token')).toBeNull();
  });

  it('sends the signature SigV4 gives for exactly the request that went out', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog().listModels({ provider: 'bedrock' });
    await expectSignedAsSent(requests[0]!);
  });

  it('signs the session token of temporary credentials into the request', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    await catalog({ ...ENV, AWS_SESSION_TOKEN: SESSION }).listModels({ provider: 'bedrock' });
    const headers = requests[0]!.headers;
    expect(headers.get('x-amz-security-token')).toBe(SESSION);
    expect(CREDENTIAL.exec(headers.get('authorization') ?? '')?.[2]?.split(';')).toContain(
      'x-amz-security-token',
    );
  });

  it('never puts the secret key anywhere but the signature: URL, headers, cache', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    const dir = tempDir();
    await createModelCatalog({
      providers: [bedrock()],
      env: { ...ENV, AWS_SESSION_TOKEN: SESSION },
      cache: createFileCache({ dir }),
    }).listModels({ provider: 'bedrock' });
    const sent = requests[0]!;
    expect(sent.url).not.toContain(SECRET);
    for (const [, value] of sent.headers) expect(value).not.toContain(SECRET);
    const cached = readFileSync(join(dir, 'bedrock.json'), 'utf8');
    for (const secret of [SECRET, SESSION, KEY_ID]) expect(cached).not.toContain(secret);
  });

  it("quotes AWS's own Message of a refusal", async () => {
    server.use(
      http.get(URL_WEST, () =>
        HttpResponse.json(
          {
            Message:
              'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: bedrock:ListFoundationModels',
          },
          { status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' } },
        ),
      ),
    );
    const error = await failure(catalog(ENV).listModels({ provider: 'bedrock' }));
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
    expect(error.message).toContain('is not authorized to perform: bedrock:ListFoundationModels');
  });

  it('keeps the secret key, session token and signature out of errors', async () => {
    let signature = '';
    server.use(
      http.get(URL_WEST, ({ request }) => {
        signature =
          /Signature=([0-9a-f]+)/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
        return HttpResponse.json(
          {
            message: `The request signature ${signature} does not match for ${SECRET} and ${SESSION}`,
          },
          { status: 403 },
        );
      }),
    );
    const error = await failure(
      catalog({ ...ENV, AWS_SESSION_TOKEN: SESSION }).listModels({ provider: 'bedrock' }),
    );
    expect(error).toMatchObject({ kind: 'auth', status: 403, provider: 'bedrock' });
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    for (const secret of [SECRET, SESSION, signature]) {
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });

  it('keeps the abort signal on the signed request, so cancelling stops the call itself', async () => {
    let sentSignal: AbortSignal | undefined;
    server.use(
      http.get(URL_WEST, ({ request }) => {
        sentSignal = request.signal;
        return delay('infinite');
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(
      createModelCatalog({
        providers: [bedrock()],
        env: ENV,
        cache: false,
        retries: 0,
      }).listModels({ provider: 'bedrock', signal: controller.signal }),
    );
    expect(error.kind).toBe('aborted');
    await vi.waitFor(() => expect(sentSignal?.aborted).toBe(true));
  });

  it('sends a Bedrock API key as a bearer token, unsigned, and keeps it out of errors', async () => {
    server.use(
      http.get(URL_WEST, () =>
        HttpResponse.json({ message: `Bad key ${BEARER}` }, { status: 401 }),
      ),
    );
    const requests = recordRequests();
    const error = await failure(
      catalog({ AWS_BEARER_TOKEN_BEDROCK: BEARER, AWS_REGION: 'us-west-2' }).listModels({
        provider: 'bedrock',
      }),
    );
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${BEARER}`);
    expect(requests[0]!.headers.get('x-amz-date')).toBeNull();
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain(BEARER);
  });

  it('prefers an API key to access keys, unless the access keys are passed in code', async () => {
    server.use(...handlers());
    const requests = recordRequests();
    const env = { ...ENV, AWS_BEARER_TOKEN_BEDROCK: BEARER };
    await catalog(env).listModels({ provider: 'bedrock' });
    await catalog(env, bedrock({ accessKeyId: KEY_ID, secretAccessKey: SECRET })).listModels({
      provider: 'bedrock',
    });
    expect(requests.map((request) => request.headers.get('authorization')?.split(' ')[0])).toEqual([
      'Bearer',
      'AWS4-HMAC-SHA256',
    ]);
  });

  it('maps the legacy and end-of-life times, epoch seconds as AWS writes them or ISO strings', async () => {
    const summary = (modelId: string, modelLifecycle: Record<string, unknown>) => ({
      modelId,
      modelName: modelId,
      providerName: 'Anthropic',
      inputModalities: ['TEXT'],
      outputModalities: ['TEXT'],
      inferenceTypesSupported: ['ON_DEMAND'],
      modelLifecycle,
    });
    server.use(
      http.get(URL_WEST, () =>
        HttpResponse.json({
          modelSummaries: [
            // 2025-01-21 and 2025-07-21, as epoch seconds with a fraction.
            summary('anthropic.claude-3-sonnet-20240229-v1:0', {
              status: 'LEGACY',
              startOfLifeTime: 1709510400,
              legacyTime: 1737417600.5,
              endOfLifeTime: 1753056000,
            }),
            summary('anthropic.claude-3-haiku-20240307-v1:0', {
              status: 'LEGACY',
              legacyTime: '2025-10-01T00:00:00Z',
              endOfLifeTime: '2026-04-01T00:00:00Z',
            }),
            // A time of another type is left out; the status stays.
            summary('anthropic.claude-instant-v1', {
              status: 'LEGACY',
              legacyTime: { seconds: 1 },
              endOfLifeTime: 'soon',
            }),
          ],
        }),
      ),
    );
    const { models } = await catalog().listModels({ provider: 'bedrock' });
    expect(models.map((model) => model.lifecycle)).toEqual([
      { status: 'deprecated', deprecatedAt: '2025-01-21', shutdownAt: '2025-07-21' },
      { status: 'deprecated', deprecatedAt: '2025-10-01', shutdownAt: '2026-04-01' },
      { status: 'deprecated' },
    ]);
  });

  it('maps name, vendor, modalities in the shared vocabulary, input flags and lifecycle status', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'bedrock' });
    const byId = new Map(models.map((model) => [model.id, model]));
    const textOnly = { vision: false, audioInput: false, pdfInput: false };
    expect(byId.get('amazon.titan-embed-text-v2:0')).toEqual({
      id: 'amazon.titan-embed-text-v2:0',
      name: 'Titan Text Embeddings V2',
      category: 'embedding',
      provider: 'bedrock',
      ownedBy: 'Amazon',
      inputModalities: ['text'],
      outputModalities: ['embeddings'],
      capabilities: textOnly,
      lifecycle: { status: 'active' },
    });
    expect(byId.get('anthropic.claude-v2:1')).toEqual({
      id: 'anthropic.claude-v2:1',
      name: 'Claude',
      category: 'chat',
      provider: 'bedrock',
      ownedBy: 'Anthropic',
      inputModalities: ['text'],
      outputModalities: ['text'],
      capabilities: textOnly,
      lifecycle: { status: 'deprecated' },
      deprecated: true,
    });
    expect(byId.get('amazon.nova-sonic-v1:0')).toEqual({
      id: 'amazon.nova-sonic-v1:0',
      name: 'Nova Sonic',
      category: 'chat',
      provider: 'bedrock',
      ownedBy: 'Amazon',
      inputModalities: ['audio'],
      outputModalities: ['audio', 'text'],
      capabilities: { vision: false, audioInput: true, pdfInput: false },
      lifecycle: { status: 'active' },
    });
    expect(byId.get('anthropic.claude-sonnet-4-20250514-v1:0')?.capabilities).toEqual({
      vision: true,
      audioInput: false,
      pdfInput: false,
    });
  });

  it('classifies every model of the list, letting the id decide when the output is only text', async () => {
    server.use(...handlers());
    const { models } = await catalog().listModels({ provider: 'bedrock' });
    expect(Object.fromEntries(models.map((model) => [model.id, model.category]))).toEqual({
      'amazon.titan-text-express-v1': 'chat',
      'amazon.titan-embed-text-v2:0': 'embedding',
      'amazon.titan-image-generator-v2:0': 'image',
      'anthropic.claude-sonnet-4-20250514-v1:0': 'chat',
      'anthropic.claude-v2:1': 'chat',
      'meta.llama3-1-70b-instruct-v1:0': 'chat',
      'cohere.embed-multilingual-v3': 'embedding',
      'cohere.rerank-v3-5:0': 'other',
      'amazon.nova-sonic-v1:0': 'chat',
      'amazon.nova-reel-v1:1': 'other',
      'stability.sd3-5-large-v1:0': 'image',
    });
  });

  it('leaves out models only sold as provisioned throughput, unless asked to keep them', async () => {
    server.use(...handlers());
    const provisioned = 'anthropic.claude-3-haiku-20240307-v1:0:200k';
    const { models } = await catalog().listModels({ provider: 'bedrock' });
    expect(models.map((model) => model.id)).not.toContain(provisioned);
    const all = await catalog(ENV, bedrock({ includeProvisionedOnly: true })).listModels({
      provider: 'bedrock',
    });
    expect(all.models).toHaveLength(12);
    expect(all.models.find((model) => model.id === provisioned)?.category).toBe('chat');
  });

  it('skips and counts entries without a model id', async () => {
    server.use(
      http.get(URL_WEST, () =>
        HttpResponse.json({
          modelSummaries: [
            { modelId: 'meta.llama3-8b-instruct-v1:0' },
            { modelName: 'x' },
            { modelId: '' },
          ],
        }),
      ),
    );
    const { models, status } = await catalog().listModels({ provider: 'bedrock' });
    expect(models.map((model) => model.id)).toEqual(['meta.llama3-8b-instruct-v1:0']);
    expect(status.skipped).toBe(2);
  });

  it('uses us-east-1 without a region, AWS_DEFAULT_REGION as a fallback, and AWS_ENDPOINT_URL_BEDROCK', async () => {
    const east = 'https://bedrock.us-east-1.amazonaws.com/foundation-models';
    const central = 'https://bedrock.eu-central-1.amazonaws.com/foundation-models';
    const endpoint = 'https://vpce-0abc.bedrock.eu-central-1.vpce.amazonaws.com/foundation-models';
    server.use(...handlers(east), ...handlers(central), ...handlers(endpoint));
    const requests = recordRequests();
    const keys = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET };
    await catalog(keys).listModels({ provider: 'bedrock' });
    await catalog({ ...keys, AWS_DEFAULT_REGION: 'eu-central-1' }).listModels({
      provider: 'bedrock',
    });
    await catalog({
      ...keys,
      AWS_REGION: 'eu-central-1',
      AWS_ENDPOINT_URL_BEDROCK: 'https://vpce-0abc.bedrock.eu-central-1.vpce.amazonaws.com/',
    }).listModels({ provider: 'bedrock' });
    expect(requests.map((request) => request.url)).toEqual([east, central, endpoint]);
    expect(requests[2]!.headers.get('authorization')).toContain(
      '/eu-central-1/bedrock/aws4_request',
    );
  });

  it('is not configured with a key id alone, and names both ways to configure it', async () => {
    const error = await failure(
      catalog({ AWS_ACCESS_KEY_ID: KEY_ID }).listModels({ provider: 'bedrock' }),
    );
    expect(error.kind).toBe('not_configured');
    for (const name of [
      'AWS_SECRET_ACCESS_KEY',
      'secretAccessKey',
      'AWS_BEARER_TOKEN_BEDROCK',
      'bearerToken',
    ]) {
      expect(error.message).toContain(name);
    }
  });

  it('joins the default provider set when AWS credentials or a Bedrock API key are in the environment', () => {
    const configured = (env: Record<string, string>) =>
      createModelCatalog({ env, cache: false })
        .listProviders()
        .find((provider) => provider.id === 'bedrock')?.configured;
    expect(configured({})).toBe(false);
    expect(configured(ENV)).toBe(true);
    expect(configured({ AWS_BEARER_TOKEN_BEDROCK: BEARER })).toBe(true);
  });

  it('reports an explicit bedrock() without credentials as not configured, and a lone key id too', () => {
    const infoOf = (env: Record<string, string>) =>
      createModelCatalog({ providers: [bedrock()], env, cache: false }).listProviders()[0];
    expect(infoOf({})?.configured).toBe(false);
    const lone = infoOf({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' });
    expect(lone?.configured).toBe(false);
    // It names what is still missing, not the key id already set.
    expect(lone?.reason).toBe(
      'Provider "bedrock" is not configured: set the `secretAccessKey` option or the AWS_SECRET_ACCESS_KEY environment variable, or the `bearerToken` option or the AWS_BEARER_TOKEN_BEDROCK environment variable.',
    );
    expect(
      infoOf({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) })
        ?.configured,
    ).toBe(true);
  });
});

describe('bedrock inference profiles', () => {
  const tempDir = useTempDir();
  const PROFILES_URL = 'https://bedrock.us-west-2.amazonaws.com/inference-profiles';
  const FIRST_TOKEN = 'eyJwYWdlIjoyfQ==';
  const secondPage = {
    inferenceProfileSummaries: [
      {
        inferenceProfileName: 'EU Anthropic Claude Sonnet 4',
        inferenceProfileId: 'eu.anthropic.claude-sonnet-4-20250514-v1:0',
        models: [
          {
            modelArn:
              'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
          },
        ],
        status: 'ACTIVE',
        type: 'SYSTEM_DEFINED',
      },
      { inferenceProfileName: 'No id', models: [], status: 'ACTIVE', type: 'SYSTEM_DEFINED' },
      {
        inferenceProfileName: 'No model',
        inferenceProfileId: 'us.vendor.model-without-arn-v1:0',
        models: [],
        status: 'ACTIVE',
        type: 'SYSTEM_DEFINED',
      },
      {
        inferenceProfileName: 'team-a claude',
        inferenceProfileId: 'abcd1234efgh',
        models: [
          {
            modelArn:
              'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
          },
        ],
        status: 'ACTIVE',
        type: 'APPLICATION',
      },
    ],
  };
  /** Both listings; the profiles in two pages, chosen by `nextToken`. */
  const withProfiles = () => [
    ...handlers(),
    http.get(PROFILES_URL, ({ request }) =>
      HttpResponse.json(
        new URL(request.url).searchParams.get('nextToken') === FIRST_TOKEN
          ? secondPage
          : fixture('bedrock', 'inference-profiles.json'),
      ),
    ),
  ];
  const list = (
    adapter = bedrock({ inferenceProfiles: true }),
    env: Record<string, string> = ENV,
  ) =>
    createModelCatalog({ providers: [adapter], env, cache: false, retries: 0 }).listModels({
      provider: 'bedrock',
    });

  it('asks for no profiles unless told to', async () => {
    server.use(...withProfiles());
    const requests = recordRequests();
    const { models } = await list(bedrock());
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([
      '/foundation-models',
    ]);
    expect(models.some((model) => model.id.startsWith('us.'))).toBe(false);
  });

  it('follows every page of the profiles, each request signed for exactly what went out', async () => {
    server.use(...withProfiles());
    const requests = recordRequests();
    await list();
    expect(requests.map((request) => request.url)).toEqual([
      URL_WEST,
      `${PROFILES_URL}?maxResults=1000&type=SYSTEM_DEFINED`,
      `${PROFILES_URL}?maxResults=1000&type=SYSTEM_DEFINED&nextToken=${encodeURIComponent(FIRST_TOKEN)}`,
    ]);
    for (const sent of requests) await expectSignedAsSent(sent);
  });

  it("lists each profile as a model with its own name and its foundation model's details", async () => {
    server.use(...withProfiles());
    const { models, status } = await list();
    // The foundation models first, as without profiles, then the profiles in the order listed.
    // An application profile (an account's own, never asked for) is left out.
    expect(models.map((model) => model.id).slice(-5)).toEqual([
      'us.anthropic.claude-sonnet-4-20250514-v1:0',
      'us.meta.llama3-1-70b-instruct-v1:0',
      'us.amazon.nova-premier-v1:0',
      'eu.anthropic.claude-sonnet-4-20250514-v1:0',
      'us.vendor.model-without-arn-v1:0',
    ]);
    // Claude Sonnet 4's base id (callable only through a profile) gives way to its profiles.
    expect(models).toHaveLength(10 + 5);
    const profile = models.find(
      (model) => model.id === 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    );
    // The foundation model's vendor, modalities and lifecycle, though its own id is not listed.
    expect(profile).toEqual({
      id: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      name: 'US Anthropic Claude Sonnet 4',
      category: 'chat',
      provider: 'bedrock',
      description:
        'Routes requests to Anthropic Claude Sonnet 4 in us-east-1, us-east-2 and us-west-2.',
      ownedBy: 'Anthropic',
      inputModalities: ['text', 'image'],
      outputModalities: ['text'],
      capabilities: { vision: true, pdfInput: false, audioInput: false },
      lifecycle: { status: 'active' },
      baseModel: 'anthropic.claude-sonnet-4-20250514-v1:0',
    });
    // A foundation model callable on demand is listed as before, without a base model of its own.
    const llama = models.find((model) => model.id === 'meta.llama3-1-70b-instruct-v1:0');
    expect(llama?.name).toBe('Llama 3.1 70B Instruct');
    expect(llama?.baseModel).toBeUndefined();
    // A profile of a model the region does not list: named, classified from its id, no vendor.
    expect(models.find((model) => model.id === 'us.amazon.nova-premier-v1:0')).toEqual({
      id: 'us.amazon.nova-premier-v1:0',
      name: 'US Amazon Nova Premier',
      category: 'chat',
      provider: 'bedrock',
      description: 'Routes requests to Amazon Nova Premier in us-east-1, us-east-2 and us-west-2.',
      baseModel: 'amazon.nova-premier-v1:0',
    });
    expect(models.find((model) => model.id.startsWith('eu.'))?.ownedBy).toBe('Anthropic');
    // A profile naming no foundation model has no base model.
    expect(models.find((model) => model.id === 'us.vendor.model-without-arn-v1:0')).toEqual({
      id: 'us.vendor.model-without-arn-v1:0',
      name: 'No model',
      category: 'chat',
      provider: 'bedrock',
    });
    // The profile without an id is counted, not kept.
    expect(status.skipped).toBe(1);
  });

  it('sends a Bedrock API key on the profile requests too', async () => {
    server.use(...withProfiles());
    const requests = recordRequests();
    await list(bedrock({ inferenceProfiles: true }), {
      AWS_BEARER_TOKEN_BEDROCK: BEARER,
      AWS_REGION: 'us-west-2',
    });
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.headers.get('authorization')).toBe(`Bearer ${BEARER}`);
    }
  });

  it('fails the listing, naming the refusal, when the profiles are refused', async () => {
    let signature = '';
    server.use(
      ...handlers(),
      http.get(PROFILES_URL, ({ request }) => {
        signature = /Signature=([0-9a-f]+)/.exec(request.headers.get('authorization') ?? '')![1]!;
        return HttpResponse.json(
          {
            Message: `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: bedrock:ListInferenceProfiles (request signed ${signature})`,
          },
          { status: 403 },
        );
      }),
    );
    const error = await failure(
      list(bedrock({ inferenceProfiles: true }), { ...ENV, AWS_SESSION_TOKEN: SESSION }),
    );
    expect(error).toMatchObject({ kind: 'auth', status: 403, provider: 'bedrock' });
    expect(error.message).toContain('bedrock:ListInferenceProfiles');
    // The profile request's own signature, echoed back, is scrubbed as the first one's is.
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(error.message).not.toContain(signature);
    expect(JSON.stringify(error)).not.toContain(signature);
  });

  it('signs the session token into the profile requests too', async () => {
    server.use(...withProfiles());
    const requests = recordRequests();
    await list(bedrock({ inferenceProfiles: true }), { ...ENV, AWS_SESSION_TOKEN: SESSION });
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.headers.get('x-amz-security-token')).toBe(SESSION);
    }
  });

  it('reads a profile page without a list as no profiles', async () => {
    server.use(
      ...handlers(),
      http.get(PROFILES_URL, () => HttpResponse.json({})),
    );
    const { models, status } = await list();
    expect(models).toHaveLength(11);
    expect(status.skipped ?? 0).toBe(0);
  });

  it('holds foundation models and profiles together to maxModels', async () => {
    server.use(...withProfiles());
    const listing = createModelCatalog({
      providers: [bedrock({ inferenceProfiles: true })],
      env: ENV,
      cache: false,
      retries: 0,
      maxModels: 12,
    }).listModels({ provider: 'bedrock' });
    const error = await failure(listing);
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toBe('bedrock: the provider listed 15 models, more than the cap of 12.');
  });

  it('leaves out a base id only a profile can call, and only when a listed profile routes to it', async () => {
    const CLAUDE = 'anthropic.claude-sonnet-4-20250514-v1:0';
    // Without profiles, and with profiles that route elsewhere, the base id stays: nothing
    // listed would stand for it.
    server.use(...withProfiles());
    expect((await list(bedrock())).models.map((model) => model.id)).toContain(CLAUDE);
    server.use(
      http.get(PROFILES_URL, () => {
        const { inferenceProfileSummaries } = fixture('bedrock', 'inference-profiles.json') as {
          inferenceProfileSummaries: { inferenceProfileId: string }[];
        };
        return HttpResponse.json({
          inferenceProfileSummaries: inferenceProfileSummaries.filter(
            (profile) => !profile.inferenceProfileId.includes('claude'),
          ),
        });
      }),
    );
    const ids = (await list()).models.map((model) => model.id);
    expect(ids).toContain(CLAUDE);
    expect(ids).toContain('us.meta.llama3-1-70b-instruct-v1:0');
    // Inference types are compared without regard to case, as the provisioned check does.
    server.use(
      http.get(URL_WEST, () => {
        const listing = fixture('bedrock', 'foundation-models.json') as {
          modelSummaries: { modelId: string; inferenceTypesSupported: string[] }[];
        };
        for (const entry of listing.modelSummaries) {
          entry.inferenceTypesSupported = entry.inferenceTypesSupported.map((type) =>
            type.toLowerCase(),
          );
        }
        return HttpResponse.json(listing);
      }),
      ...withProfiles(),
    );
    const lowerCase = (await list()).models.map((model) => model.id);
    expect(lowerCase).not.toContain(CLAUDE);
    // Callable on demand as well as through its profile: kept.
    expect(lowerCase).toContain('meta.llama3-1-70b-instruct-v1:0');
  });

  it('keeps provisioned-only models and profiles side by side when both are asked for', async () => {
    server.use(...withProfiles());
    const { models } = await list(
      bedrock({ inferenceProfiles: true, includeProvisionedOnly: true }),
    );
    expect(models).toHaveLength(12 + 5);
    expect(models.map((model) => model.id)).toContain(
      'anthropic.claude-3-haiku-20240307-v1:0:200k',
    );
    expect(models.map((model) => model.id)).toContain('us.amazon.nova-premier-v1:0');
    // A base id only a profile can call is kept too: the option asks for ids not callable on demand.
    expect(models.map((model) => model.id)).toContain('anthropic.claude-sonnet-4-20250514-v1:0');
  });

  it('names a profile page of the wrong shape', async () => {
    server.use(
      ...handlers(),
      http.get(PROFILES_URL, () => HttpResponse.json({ inferenceProfileSummaries: 'none' })),
    );
    const error = await failure(list());
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toBe(
      'bedrock: the inference profile list does not have the documented shape (inferenceProfileSummaries: expected Array).',
    );
  });

  it('stops a profile listing that repeats its page token', async () => {
    server.use(
      ...handlers(),
      http.get(PROFILES_URL, () =>
        HttpResponse.json(fixture('bedrock', 'inference-profiles.json')),
      ),
    );
    const error = await failure(list());
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toBe('bedrock: the listing repeated a page cursor; stopping.');
  });

  it('never serves a list with profiles from the cache to a listing without, nor the reverse', async () => {
    server.use(...withProfiles());
    const requests = recordRequests();
    const dir = tempDir();
    const cached = (adapter: ReturnType<typeof bedrock>) =>
      createModelCatalog({
        providers: [adapter],
        env: ENV,
        cache: createFileCache({ dir }),
      }).listModels({ provider: 'bedrock' });
    const counts = [];
    for (const adapter of [bedrock(), bedrock({ inferenceProfiles: true }), bedrock()]) {
      counts.push((await cached(adapter)).models.length);
    }
    expect(counts).toEqual([11, 15, 11]);
    // Each listing asked the provider: the entry of the other kind is a miss, not its answer.
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([
      '/foundation-models',
      '/foundation-models',
      '/inference-profiles',
      '/inference-profiles',
      '/foundation-models',
    ]);
    // The same kind again is read from the cache.
    expect((await cached(bedrock())).status.source).toBe('cache');
  });

  it('refuses a yes-or-no option of the wrong type, naming it', () => {
    expect(() => bedrock({ inferenceProfiles: 'yes' as unknown as boolean })).toThrow(
      new TypeError('`inferenceProfiles` must be true or false, got "yes".'),
    );
    expect(() => bedrock({ includeProvisionedOnly: 1 as unknown as boolean })).toThrow(
      new TypeError('`includeProvisionedOnly` must be true or false, got 1.'),
    );
  });
});

/** Checks that `sent` carries the SigV4 signature of exactly its own method, URL and headers. */
async function expectSignedAsSent(sent: Request): Promise<void> {
  const headers = new Headers(sent.headers);
  headers.delete('authorization');
  const signer = new AwsV4Signer({
    method: 'GET',
    url: sent.url,
    headers,
    accessKeyId: KEY_ID,
    secretAccessKey: SECRET,
    service: 'bedrock',
    region: 'us-west-2',
    datetime: sent.headers.get('x-amz-date')!,
  });
  expect(sent.headers.get('authorization')).toBe(await signer.authHeader());
}

/** The error a listing rejects with; fails the test when it resolves. */
function failure(listing: Promise<unknown>): Promise<ModelCatalogError> {
  return listing.then(
    () => {
      throw new Error('expected the listing to fail');
    },
    (error: unknown) => error as ModelCatalogError,
  );
}
