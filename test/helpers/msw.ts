import { setupServer } from 'msw/node';

/** The one msw server of the test run; each test file adds handlers with `server.use(...)`. */
export const server = setupServer();

/** Records every request msw sees, for assertions on URLs and headers. */
export function recordRequests(): Request[] {
  const requests: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(request.clone());
  });
  return requests;
}
