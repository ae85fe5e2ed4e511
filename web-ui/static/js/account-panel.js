// The start page's account section: the form to sign in or create an account and, once signed in, who you are
// with a button to sign out. The server's answers come through account.js and are shown as text, never as HTML.

import { AccountError, signIn, signOut, signUp } from './account.js';

// The form has one password field; its autocomplete says which password a password manager should offer.
const MODES = {
  'sign-in': {
    title: 'Sign in', submit: 'Sign in', autocomplete: 'current-password',
    switchText: 'New here?', switchButton: 'Create an account', send: signIn,
  },
  'sign-up': {
    title: 'Create an account', submit: 'Create account', autocomplete: 'new-password',
    switchText: 'Have an account?', switchButton: 'Sign in instead', send: signUp,
  },
};

export class AccountPanel {
  #el;
  #onSignedIn;
  #onSignedOut;
  #mode = 'sign-in';

  /**
   * elements: {form, title, membersOnly, user, password, passwordHint, error, submit, switchText, modeButton,
   * signedIn, name, signOut, signOutError}; onSignedIn(name) and onSignedOut() follow the server's answers.
   */
  constructor(elements, { onSignedIn, onSignedOut }) {
    this.#el = elements;
    this.#onSignedIn = onSignedIn;
    this.#onSignedOut = onSignedOut;
    elements.modeButton.addEventListener('click', () => {
      this.#switchTo(this.#mode === 'sign-in' ? 'sign-up' : 'sign-in');
      elements.user.focus();
    });
    elements.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    elements.signOut.addEventListener('click', () => this.#signOut());
  }

  /** Shows the signed-in line or the form; the form says so when guests cannot chat. */
  show(me) {
    this.#el.signedIn.hidden = !me.signedIn;
    this.#el.name.textContent = me.name;
    this.#el.form.hidden = me.signedIn;
    this.#el.membersOnly.hidden = me.signedIn || me.guestsAllowed;
  }

  focus() {
    this.#el.user.focus();
  }

  #switchTo(mode) {
    const texts = MODES[mode];
    this.#mode = mode;
    this.#el.form.dataset.mode = mode;
    this.#el.title.textContent = texts.title;
    this.#el.submit.textContent = texts.submit;
    this.#el.password.setAttribute('autocomplete', texts.autocomplete);
    this.#el.passwordHint.hidden = mode !== 'sign-up';
    this.#el.switchText.textContent = texts.switchText;
    this.#el.modeButton.textContent = texts.switchButton;
    this.#el.error.textContent = '';
  }

  async #submit() {
    const { user, password, error } = this.#el;
    const name = user.value.trim();
    if (name === '' || password.value === '') {
      error.textContent = 'Enter your name and a password.';
      (name === '' ? user : password).focus();
      return;
    }
    error.textContent = '';
    this.#busy(true);
    try {
      const registered = await MODES[this.#mode].send(name, password.value);
      password.value = '';
      this.#switchTo('sign-in'); // what a returning visitor needs after signing out
      this.#onSignedIn(registered);
    } catch (e) {
      error.textContent = e instanceof AccountError ? e.message : 'Something went wrong. Try again.';
      password.focus();
    } finally {
      this.#busy(false);
    }
  }

  async #signOut() {
    this.#el.signOutError.textContent = '';
    this.#el.signOut.disabled = true;
    try {
      await signOut();
      this.#onSignedOut();
    } catch (e) {
      this.#el.signOutError.textContent = e instanceof AccountError ? e.message : 'Something went wrong. Try again.';
    } finally {
      this.#el.signOut.disabled = false;
    }
  }

  #busy(busy) {
    this.#el.form.setAttribute('aria-busy', String(busy));
    this.#el.submit.disabled = busy;
    this.#el.modeButton.disabled = busy;
  }
}
