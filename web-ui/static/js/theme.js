// The colour theme: the system's (prefers-color-scheme) until the toggle picks light or dark; the choice is kept
// in localStorage and applied early by theme-early.js. base.css reads `data-theme` on <html>; no attribute means
// the system's.

const KEY = 'parley.theme';
const ORDER = ['system', 'light', 'dark'];
const LABELS = { system: 'System theme', light: 'Light theme', dark: 'Dark theme' };
const ICONS = { system: '◐', light: '☀', dark: '☾' };

/** Makes the button cycle system → light → dark, showing the current choice. */
export function themeToggle(button) {
  render(button, current());
  button.addEventListener('click', () => {
    const next = ORDER[(ORDER.indexOf(current()) + 1) % ORDER.length];
    apply(next);
    render(button, next);
  });
}

function current() {
  const theme = document.documentElement.dataset.theme;
  return ORDER.includes(theme) ? theme : 'system';
}

function apply(theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  try {
    if (theme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

function render(button, theme) {
  const next = ORDER[(ORDER.indexOf(theme) + 1) % ORDER.length];
  const icon = document.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = ICONS[theme];
  const label = document.createElement('span');
  label.className = 'theme-label';
  label.textContent = LABELS[theme];
  button.replaceChildren(icon, ' ', label);
  button.title = `${LABELS[theme]}: click for ${LABELS[next].toLowerCase()}`;
  button.dataset.theme = theme;
}
