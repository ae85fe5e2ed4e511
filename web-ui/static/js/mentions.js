// Finds @mentions of people in the room. Pure: returns segments for the caller to build with textContent.
//
// A name may hold spaces, "-", "_" and "." (names.js), so "@name" is matched against the names present, the
// longest first, rather than cut at the first space. Case does not matter, as the server's names are unique
// whatever their case.

const fold = (text) => text.toLowerCase();
const WORD = /[\p{L}\p{N}_]/u;

/** Splits text into [{type: 'text', text}, {type: 'mention', text, user}]; joining every `text` gives the input. */
export function mentionSegments(text, names) {
  const candidates = [...names].filter((name) => name !== '').sort((a, b) => b.length - a.length);
  const folded = fold(text);
  const segments = [];
  let from = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at > 0 && WORD.test(text[at - 1])) continue; // an e-mail address, not a mention
    const user = candidates.find((name) => folded.startsWith(fold(name), at + 1)
      && !WORD.test(text[at + 1 + name.length] ?? ''));
    if (user === undefined) continue;
    const end = at + 1 + user.length;
    if (at > from) segments.push({ type: 'text', text: text.slice(from, at) });
    segments.push({ type: 'mention', text: text.slice(at, end), user });
    from = end;
    at = end - 1;
  }
  if (from < text.length) segments.push({ type: 'text', text: text.slice(from) });
  return segments;
}

/** True when the text mentions this user, among the names present. */
export function mentions(text, names, user) {
  return mentionSegments(text, names).some((segment) => segment.type === 'mention' && fold(segment.user) === fold(user));
}

/**
 * The `@` word being typed just before the caret, as {start, prefix} (start: the index of the `@`), or null.
 * The prefix may not hold white space: a name with a space in it is completed from its first word.
 */
export function mentionBeingTyped(text, caret) {
  const before = text.slice(0, caret);
  const match = /(?:^|[^\p{L}\p{N}_])@([^\s@]*)$/u.exec(before);
  if (match === null) return null;
  return { start: caret - match[1].length - 1, prefix: match[1] };
}
