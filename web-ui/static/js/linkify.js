// Finds web links in message text. Pure: returns segments, and the caller builds the DOM from them with
// textContent, so neither a message nor a link is ever read as HTML.

// Only http and https: any other scheme (javascript:, data:, ftp:…) stays text. Not inside a word ("xhttp://").
const URL_PATTERN = /(?<![\p{L}\p{N}])https?:\/\/[^\s<>"]+/giu;
const TRAILING = /[.,;:!?'"*_~\]}>]$/u; // punctuation that ends a sentence rather than the address

/** Splits text into [{type: 'text', text}, {type: 'link', text, href}]; joining every `text` gives the input. */
export function linkSegments(text) {
  const segments = [];
  let from = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const link = trimTrailing(match[0]);
    if (!isWebAddress(link)) continue;
    if (match.index > from) segments.push({ type: 'text', text: text.slice(from, match.index) });
    segments.push({ type: 'link', text: link, href: link });
    from = match.index + link.length;
  }
  if (from < text.length) segments.push({ type: 'text', text: text.slice(from) });
  return segments;
}

/** Drops sentence punctuation after an address; a ')' only when unbalanced, as in "(see https://x.org/a_(b))". */
function trimTrailing(candidate) {
  let link = candidate;
  for (;;) {
    if (TRAILING.test(link)) link = link.slice(0, -1);
    else if (link.endsWith(')') && count(link, ')') > count(link, '(')) link = link.slice(0, -1);
    else return link;
  }
}

function count(text, char) {
  return text.split(char).length - 1;
}

function isWebAddress(link) {
  try {
    const url = new URL(link);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
