// The tab's title: the shown room's name, and while the tab is hidden the unread total in front, e.g.
// "(3) #lobby · Parley", so a reader in another tab sees that something happened.

/** unread: the UnreadCounts; shownRoom() names the room on show ('' for none). Returns a function to refresh. */
export function keepTabTitle(unread, shownRoom) {
  const refresh = () => {
    const room = shownRoom();
    const name = room ? `#${room} · Parley` : 'Parley';
    const total = unread.total;
    document.title = document.hidden && total > 0 ? `(${total}) ${name}` : name;
  };
  unread.addEventListener('change', refresh);
  document.addEventListener('visibilitychange', refresh);
  refresh();
  return refresh;
}
