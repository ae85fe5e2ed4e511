// The start page: choose a display name and a room, then open the room page.

import { loadName, nameProblem, roomProblem, saveName } from './names.js';

const form = document.getElementById('join-form');
const nameInput = document.getElementById('name');
const roomInput = document.getElementById('room');

nameInput.value = loadName();
(nameInput.value ? roomInput : nameInput).focus();

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

function join() {
  const name = value(nameInput);
  const room = value(roomInput);
  const nameWhy = nameProblem(name);
  const roomWhy = roomProblem(room);
  showProblem(nameInput, nameWhy);
  showProblem(roomInput, roomWhy);
  if (nameWhy || roomWhy) {
    (nameWhy ? nameInput : roomInput).focus();
    return;
  }
  saveName(name);
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
