// Desktop notifications for messages that mention us: only after the reader asked for them with the page's
// button (the browser's permission prompt never opens by itself), and only while the tab is hidden: a reader
// looking at the page sees the highlighted message.

export class MentionAlerts {
  #button;
  #room;

  /** button: "Notify me of mentions"; room: the room's name, for the notification's title. */
  constructor(button, room) {
    this.#button = button;
    this.#room = room;
    if (!('Notification' in window)) return; // the button stays hidden
    this.#render();
    button.addEventListener('click', async () => {
      if (Notification.permission === 'default') await Notification.requestPermission();
      this.#render();
    });
  }

  /** A live message mentioning us came in (in `room`, where the page holds several). */
  mentioned(user, text, room = this.#room) {
    if (!('Notification' in window) || Notification.permission !== 'granted' || !document.hidden) return;
    const notification = new Notification(`${user} mentioned you in #${room}`, { body: text, tag: 'parley-mention' });
    notification.addEventListener('click', () => {
      window.focus();
      notification.close();
    });
  }

  #render() {
    const permission = Notification.permission;
    const button = this.#button;
    button.hidden = false;
    button.disabled = permission !== 'default';
    button.textContent = { default: 'Notify me of mentions', granted: 'Mentions notify you', denied: 'Notifications blocked' }[permission];
    button.title = permission === 'denied' ? 'The browser blocks notifications for this site: allow them in its settings' : '';
  }
}
