// Editing and deleting our own messages: the Edit and Delete buttons on each, the editor that opens in the
// message's place, and the frames that ask the server (`chat.edit`, `chat.delete`). The message changes when the
// server's copy of the change comes back to every client of the room, this page included; until then it says
// "Saving…". A change the server did not answer goes out again, with the same client_id, after a reconnect.

import { newClientId } from './outbox.js';

const LABELS = { edit: 'Saving…', delete: 'Deleting…' };

/** Adds the Edit and Delete buttons to a message element. */
export function addMessageActions(item) {
  const actions = document.createElement('span');
  actions.className = 'message-actions';
  actions.append(actionButton('edit', 'Edit'), actionButton('delete', 'Delete'));
  item.querySelector('.meta').append(actions);
}

function actionButton(action, label) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link-button message-action';
  button.dataset.action = action;
  button.textContent = label;
  return button;
}

export class MessageEditor {
  #list;
  #send;
  #showError;
  #pending = new Map(); // client id -> {frame, seq}

  /**
   * messages: the element holding the message lists; list: the MessageList; send(frame) returns false when it
   * could not send; showError(text) tells the user.
   */
  constructor(messages, { list, send, showError }) {
    this.#list = list;
    this.#send = send;
    this.#showError = showError;
    messages.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      const item = button?.closest('.message[data-seq]');
      if (!item) return;
      const action = button.dataset.action;
      if (action === 'edit') this.#openEditor(item);
      else if (action === 'delete') this.#askToDelete(item, button);
      else if (action === 'confirm-delete') this.#request(item, { type: 'chat.delete', seq: Number(item.dataset.seq) });
      else if (action === 'keep') this.#closeQuestion(item);
    });
  }

  /** The server's copy of a change: one of ours is done. */
  changed(frame) {
    const pending = this.#pending.get(frame.client_id);
    if (!pending) return;
    this.#pending.delete(frame.client_id);
    this.#mark(pending.seq, '');
  }

  /** The server refused a frame; if it was one of our changes, the message is as it was (the error is shown). */
  refused(clientId) {
    const pending = this.#pending.get(clientId);
    if (!pending) return false;
    this.#pending.delete(clientId);
    this.#mark(pending.seq, '');
    return true;
  }

  /** The connection is back: changes it never answered go out again, with the same client_ids. */
  resend() {
    for (const { frame } of this.#pending.values()) this.#send(frame);
  }

  #openEditor(item) {
    if (item.querySelector('.edit-form')) return;
    const text = item.querySelector('.text');
    const form = document.createElement('form');
    form.className = 'edit-form';
    const input = document.createElement('textarea');
    input.className = 'edit-input';
    input.value = text.textContent;
    input.rows = Math.min(8, input.value.split('\n').length + 1);
    input.setAttribute('aria-label', 'Edit your message');
    const save = document.createElement('button');
    save.type = 'submit';
    save.className = 'primary';
    save.textContent = 'Save';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'link-button';
    cancel.textContent = 'Cancel';
    const hint = document.createElement('span');
    hint.className = 'hint';
    hint.textContent = 'Enter to save · Escape to cancel';
    form.append(input, save, cancel, hint);
    text.hidden = true;
    text.after(form);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);

    const close = () => {
      form.remove();
      text.hidden = false;
      item.querySelector('button[data-action="edit"]')?.focus();
    };
    cancel.addEventListener('click', close);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const message = input.value;
      if (message.trim() === '') {
        this.#showError('A message cannot be empty: delete it instead.');
        return;
      }
      if (message !== text.textContent
          && !this.#request(item, { type: 'chat.edit', seq: Number(item.dataset.seq), message })) return;
      close();
    });
  }

  #askToDelete(item, button) {
    const actions = button.closest('.message-actions');
    const question = document.createElement('span');
    question.className = 'delete-question';
    question.append('Delete this message? ', actionButton('confirm-delete', 'Delete'), ' ',
      actionButton('keep', 'Keep'));
    actions.hidden = true;
    actions.after(question);
    question.querySelector('button[data-action="keep"]').focus();
  }

  #closeQuestion(item) {
    item.querySelector('.delete-question')?.remove();
    const actions = item.querySelector('.message-actions');
    if (actions) {
      actions.hidden = false;
      actions.querySelector('button[data-action="delete"]')?.focus();
    }
  }

  /** Sends a change with a client_id of its own; false, with an error shown, when it cannot be sent now. */
  #request(item, change) {
    const frame = { ...change, client_id: newClientId() };
    if (!this.#send(frame)) {
      this.#showError('Not connected: try again once the connection is back.');
      return false;
    }
    this.#pending.set(frame.client_id, { frame, seq: change.seq });
    this.#closeQuestion(item);
    this.#mark(change.seq, change.type === 'chat.delete' ? LABELS.delete : LABELS.edit);
    return true;
  }

  /** Shows or clears "Saving…" on a message. */
  #mark(seq, label) {
    const item = this.#list.itemOf(seq);
    if (!item) return;
    item.dataset.state = label ? 'pending' : 'sent';
    const delivery = item.querySelector('.delivery');
    if (delivery) delivery.textContent = label;
  }
}
