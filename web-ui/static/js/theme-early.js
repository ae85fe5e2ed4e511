// Applies the stored colour theme before the page is drawn, so a dark choice never flashes light. A classic
// script, loaded from the head: modules run only after parsing. theme.js owns the toggle.
(function applyStoredTheme() {
  try {
    const theme = localStorage.getItem('parley.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch {
    // storage blocked: follow the system
  }
}());
