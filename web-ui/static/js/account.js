// The account API (docs/protocol.md, "Accounts"): who is signed in, sign up, sign in, sign out.
//
// Every request is a same-origin fetch in the default 'cors' mode: the browser then sends the page's real Origin,
// which the server checks. (Mode 'same-origin' would send "Origin: null" under the pages' no-referrer policy.)

/** The server's sentence, or ours when the server could not give one; safe to show as text. */
export class AccountError extends Error {}

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/**
 * Who the session cookie names: {signedIn, name, guestsAllowed}. Rejects with an AccountError when the server
 * cannot say.
 */
export async function whoAmI() {
  const body = await request('GET', '/api/me');
  const signedIn = body.signed_in === true && typeof body.name === 'string' && body.name !== '';
  return { signedIn, name: signedIn ? body.name : '', guestsAllowed: body.guests_allowed !== false };
}

/** Registers the name and signs in; resolves to the name as registered. */
export async function signUp(name, password) {
  return (await request('POST', '/api/signup', { name, password })).name;
}

/** Resolves to the name as registered, whatever case it was typed in. */
export async function signIn(name, password) {
  return (await request('POST', '/api/signin', { name, password })).name;
}

/** Forgets the session cookie in this browser. */
export async function signOut() {
  await request('POST', '/api/signout', {});
}

async function request(method, path, body) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new AccountError(UNREACHABLE);
  }
  const answer = await jsonOf(response);
  if (!response.ok) {
    const sentence = typeof answer.error === 'string' && answer.error !== '' ? answer.error : '';
    throw new AccountError(sentence || `The server could not do that (HTTP ${response.status}). Try again.`);
  }
  return answer;
}

/** The JSON object of a response; {} for an empty body (204) or one that is not a JSON object. */
async function jsonOf(response) {
  try {
    const value = await response.json();
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
