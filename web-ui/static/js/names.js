// The server's rules for room and display names (docs/protocol.md), and where the chosen name is kept.

const ROOM = /^[A-Za-z0-9_-]{1,64}$/;
// Letters (with their combining marks) and digits of any script, space, '-', '_', '.'; no space at
// either end. The same character classes as the gateway's DisplayNames.
const NAME = /^(?! )[\p{L}\p{M}\p{N} ._-]+(?<! )$/u;
const NAME_MAX = 32;
const STORAGE_KEY = 'parley.name';

export function isValidRoom(room) {
  return typeof room === 'string' && ROOM.test(room);
}

/** Says what is wrong with a room name, or returns '' when it is valid. */
export function roomProblem(room) {
  if (room.length === 0) return 'Enter a room name.';
  if (room.length > 64) return 'A room name has at most 64 characters.';
  if (!ROOM.test(room)) return 'Use only letters A–Z, digits, “-” and “_”.';
  return '';
}

/** Says what is wrong with a display name, or returns '' when it is valid. */
export function nameProblem(name) {
  if (name.length === 0) return 'Enter a display name.';
  if ([...name].length > NAME_MAX) return `A name has at most ${NAME_MAX} characters.`;
  if (name.startsWith(' ') || name.endsWith(' ')) return 'A name cannot start or end with a space.';
  if (!NAME.test(name)) return 'Use letters, digits, spaces, “-”, “_” or “.”.';
  return '';
}

export function isValidName(name) {
  return typeof name === 'string' && nameProblem(name) === '';
}

/** The stored display name, or '' when none is stored or it is no longer valid. */
export function loadName() {
  try {
    const name = localStorage.getItem(STORAGE_KEY) ?? '';
    return isValidName(name) ? name : '';
  } catch {
    return ''; // storage disabled: the page asks every time
  }
}

export function saveName(name) {
  try {
    localStorage.setItem(STORAGE_KEY, name);
  } catch {
    // storage disabled or full: the name still works for this page
  }
}

/** Reads the room from a room page path such as /chat/lobby/, or '' when the path holds none. */
export function roomFromPath(pathname) {
  const match = /^\/chat\/([^/]+)\/?$/.exec(pathname);
  return match && isValidRoom(match[1]) ? match[1] : '';
}
