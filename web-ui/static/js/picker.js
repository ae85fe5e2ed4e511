// The start page: sign in (or, where guests may chat, pick a display name), choose a room, open the room page.

import { whoAmI } from './account.js';
import { AccountPanel } from './account-panel.js';
import { isValidRoom, loadName, nameProblem, roomProblem, saveName } from './names.js';
import { themeToggle } from './theme.js';

const byId = (id) => document.getElementById(id);
themeToggle(byId('theme-toggle'));
const start = byId('start');
const form = byId('join-form');
const nameInput = byId('name');
const roomInput = byId('room');

const LEDES = {
  'signed-in': 'Pick a room to start chatting.',
  guest: 'Sign in, or pick a name and a room to chat as a guest.',
  'members-only': 'Sign in to start chatting.',
};

// Until the server answers (or if it cannot), the page offers what it always did: chatting as a guest.
let me = { signedIn: false, name: '', guestsAllowed: true };

const panel = new AccountPanel({
  form: byId('account-form'), title: byId('account-title'), membersOnly: byId('members-only'),
  user: byId('account-user'), password: byId('password'), passwordHint: byId('password-hint'),
  error: byId('account-error'), submit: byId('account-submit'), switchText: byId('account-switch-text'),
  modeButton: byId('account-mode'), signedIn: byId('signed-in'), name: byId('account-name'),
  signOut: byId('sign-out'), signOutError: byId('sign-out-error'),
}, {
  onSignedIn: (name) => show({ ...me, signedIn: true, name }),
  onSignedOut: () => show({ ...me, signedIn: false, name: '' }),
});

nameInput.value = loadName();
const askedRoom = new URLSearchParams(location.search).get('room') ?? ''; // from a room page that asks to sign in
if (isValidRoom(askedRoom)) roomInput.value = askedRoom;
(nameInput.value ? roomInput : nameInput).focus();

whoAmI().then(show, () => {
  start.dataset.account = 'unknown'; // the guest path stays; the form will say what goes wrong if it is used
});

for (const [input, problemOf] of [[nameInput, nameProblem], [roomInput, roomProblem]]) {
  input.addEventListener('input', () => showProblem(input, ''));
  input.addEventListener('blur', () => {
    if (input.value !== '') showProblem(input, problemOf(value(input)));
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  join();
});

for (const suggestion of document.querySelectorAll('[data-room]')) {
  suggestion.addEventListener('click', () => {
    roomInput.value = suggestion.dataset.room;
    showProblem(roomInput, '');
    join();
  });
}

/** Shows the page for who the server says we are: signed in, a guest, or not allowed in without signing in. */
function show(next) {
  me = next;
  const state = me.signedIn ? 'signed-in' : me.guestsAllowed ? 'guest' : 'members-only';
  start.dataset.account = state;
  byId('lede').textContent = LEDES[state];
  panel.show(me);
  byId('guest-path').hidden = state !== 'guest';
  form.hidden = state === 'members-only';
  byId('suggestions').hidden = state === 'members-only';
  if (document.activeElement?.closest('[hidden]')) {
    if (me.signedIn) roomInput.focus();
    else panel.focus();
  }
}

function join() {
  const guest = !me.signedIn; // a signed-in user is the account's name in every room
  const name = value(nameInput);
  const room = value(roomInput);
  const nameWhy = guest ? nameProblem(name) : '';
  const roomWhy = roomProblem(room);
  showProblem(nameInput, nameWhy);
  showProblem(roomInput, roomWhy);
  if (nameWhy || roomWhy) {
    (nameWhy ? nameInput : roomInput).focus();
    return;
  }
  if (guest) saveName(name);
  location.assign(`/chat/${room}/`);
}

function value(input) {
  return input.value.trim();
}

function showProblem(input, text) {
  const message = document.getElementById(`${input.id}-error`);
  message.textContent = text;
  message.hidden = text === '';
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}
