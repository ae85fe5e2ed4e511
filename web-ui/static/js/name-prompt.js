// A guest on a room page with no stored name: asks for one there, so the room in the address is kept.

import { nameProblem, saveName } from './names.js';

/** Shows the prompt in place of the chat; calls onName(name) once a valid name is chosen (and stored). */
export function askForName({ prompt, input, problem, chat }, onName) {
  prompt.hidden = false;
  chat.hidden = true;
  input.focus();
  input.addEventListener('input', () => {
    problem.hidden = true;
    input.removeAttribute('aria-invalid');
  });
  prompt.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = input.value.trim();
    const why = nameProblem(name);
    if (why) {
      problem.textContent = why;
      problem.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    saveName(name);
    prompt.hidden = true;
    chat.hidden = false;
    onName(name);
  });
}
