import { ProviderRequestError } from '../errors/index.js';

// Loaded with the first redirect a listing meets (see http.ts): the many listings that meet
// none load none of it.

/** As fetch and browsers: more hops than this is a loop. */
const MAX_REDIRECTS = 20;

/**
 * The next URL of a redirect (of `requested`, when the response does not say its URL), when it
 * stays on the origin the request was sent to. Another
 * origin (scheme, host or port: an `https` to `http` downgrade too), no `Location`, or more
 * than {@link MAX_REDIRECTS} hops: an `http` error naming the origins, not retried.
 */
export function followRedirect(
  response: Response,
  hops: number,
  provider: string,
  target: string,
  requested: string,
): string {
  // A response a custom `fetch` made itself (`new Response(...)`) has no URL: the one asked for.
  const from = new URL(response.url || requested);
  const location = response.headers.get('location');
  const refuse = (why: string): Error =>
    new ProviderRequestError(`${provider}: ${target} answered ${response.status}: ${why}.`, {
      kind: 'http',
      provider,
      status: response.status,
    });
  if (location === null) throw refuse('a redirect without a Location');
  // The provider's answer, not a network fault; the Location is never quoted (it may hold a key).
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw refuse('a redirect to a Location that is no URL');
  }
  if (to.origin !== from.origin) {
    throw refuse(
      `a redirect from ${from.origin} to ${to.origin || to.protocol}, another origin; not followed, so that no credential leaves ${from.origin}`,
    );
  }
  // fetch refuses such a URL, quoting it: refused here as the provider's answer.
  if (to.username || to.password)
    throw refuse('a redirect to a URL with credentials; not followed');
  if (hops >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects; stopping`);
  return to.href;
}
