/** What a person is told when a request gets no answer at all: the BFF is down or the network is. */
export const SERVER_UNREACHABLE = 'The server cannot be reached: check the connection, then try again';

/**
 * `fetch` for the page's queries: a request that gets no answer fails with SERVER_UNREACHABLE
 * (as `failure` makes it), because the browser's own words ("Failed to fetch", "NetworkError…")
 * tell a person nothing. An abort passes through as it is: whoever aborted meant it.
 */
export async function fetchOrExplain(
  url: string,
  init: RequestInit = {},
  failure: (message: string) => Error = (message) => new Error(message),
): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw failure(SERVER_UNREACHABLE);
  }
}
