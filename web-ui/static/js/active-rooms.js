// The server's active rooms (GET /api/rooms): newest activity first, with how many people are in each.

import { isValidRoom } from './names.js';

/** Resolves to [{room, members}], members null where the server does not say; [] when it cannot be asked. */
export async function activeRooms() {
  try {
    const response = await fetch('/api/rooms', { credentials: 'same-origin', cache: 'no-store',
      headers: { accept: 'application/json' } });
    if (!response.ok) return [];
    const body = await response.json();
    if (!Array.isArray(body.rooms)) return [];
    return body.rooms
      .filter((entry) => entry !== null && typeof entry === 'object' && isValidRoom(entry.room))
      .map((entry) => ({ room: entry.room, members: Number.isInteger(entry.members) ? entry.members : null }));
  } catch {
    return [];
  }
}
