// The rooms we joined, remembered between visits: in this browser's localStorage for a guest, on the server
// (GET/PUT/DELETE /api/me/rooms, docs/protocol.md) for a signed-in user, so that each of their browsers knows them.

import { isValidRoom } from './names.js';

const STORAGE_KEY = 'parley.rooms';
const MAX_ROOMS = 100; // the server keeps at most this many per account, too

/** A guest's joined rooms, in localStorage; storage that is disabled remembers nothing and fails nothing. */
export class BrowserJoinedRooms {
  async list() {
    try {
      const rooms = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
      return Array.isArray(rooms) ? rooms.filter(isValidRoom).slice(0, MAX_ROOMS) : [];
    } catch {
      return [];
    }
  }

  async add(room) {
    const rooms = await this.list();
    if (!rooms.includes(room)) this.#save([...rooms, room].slice(-MAX_ROOMS));
  }

  async remove(room) {
    this.#save((await this.list()).filter((each) => each !== room));
  }

  #save(rooms) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(rooms));
    } catch {
      // storage disabled or full: the rooms stay joined for this page
    }
  }
}

/** A signed-in user's joined rooms, kept by the server; a failed request leaves the page working. */
export class ServerJoinedRooms {
  async list() {
    const response = await fetch('/api/me/rooms', request('GET'));
    if (!response.ok) throw new Error(`GET /api/me/rooms answered ${response.status}`);
    const body = await response.json();
    return Array.isArray(body.rooms) ? body.rooms.filter(isValidRoom) : [];
  }

  /** Rejects with the server's sentence when it keeps no more rooms (or cannot be reached). */
  async add(room) {
    const response = await fetch(`/api/me/rooms/${encodeURIComponent(room)}`, request('PUT'));
    if (response.ok) return;
    const body = await response.json().catch(() => ({}));
    throw new Error(typeof body.error === 'string' ? body.error : `The server could not keep #${room} (HTTP ${response.status}).`);
  }

  async remove(room) {
    await fetch(`/api/me/rooms/${encodeURIComponent(room)}`, request('DELETE'));
  }
}

/**
 * The server's list for a signed-in user, with the rooms this browser remembered as a guest merged in (once: the
 * browser's list is emptied after); the browser's list for a guest or where the server cannot say.
 */
export async function joinedRoomsFor(signedIn) {
  const browser = new BrowserJoinedRooms();
  if (!signedIn) return { store: browser, rooms: await browser.list() };
  const server = new ServerJoinedRooms();
  try {
    const rooms = await server.list();
    const fromGuestDays = (await browser.list()).filter((room) => !rooms.includes(room));
    for (const room of fromGuestDays) await server.add(room);
    for (const room of fromGuestDays) await browser.remove(room);
    return { store: server, rooms: [...rooms, ...fromGuestDays] };
  } catch {
    return { store: browser, rooms: await browser.list() };
  }
}

function request(method) {
  // Same-origin 'cors' mode: the browser sends the page's real Origin, which the server checks (see account.js).
  return { method, credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } };
}
